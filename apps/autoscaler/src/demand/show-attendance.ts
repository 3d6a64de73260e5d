import { type Db } from "@limelight/db";
import { type DemandSnapshot } from "@limelight/domain/scaling/demand";
import { showUpRateFromHistory, startShowUpRateFromHistory } from "@limelight/domain/scaling/show-up";
import { type FencedDb } from "../fleet/lease";

/** Shows of a series looked at to learn its show-up rate (the most recent first). */
const HISTORY = 5;

/** The series of each event: its hosts' user ids, sorted and joined by "," (no hosts: the event itself). */
export async function seriesKeys(db: Db | FencedDb, eventIds: string[]): Promise<Map<string, string>> {
  const hosts = eventIds.length ? await db.eventHost.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true, userId: true } }) : [];
  const out = new Map<string, string>();
  for (const id of eventIds) {
    const users = hosts.filter((h) => h.eventId === id).map((h) => h.userId).sort();
    out.set(id, users.length ? users.join(",") : `event:${id}`);
  }
  return out;
}

/**
 * Records, for every live show of `demand`, its tickets sold and the most
 * viewers (WebRTC + HLS on its edges) seen at once so far, in ShowAttendance;
 * within `startWindowMs` of its start (the policy's forecastLeadMs: a boot and a
 * tick) also the most seen in that window (startPeakViewers, left null when the
 * row is first written after the window). `now` in ms epoch. Runs inside a
 * fenced write. Throws only when the database fails.
 */
export async function recordAttendance(tx: FencedDb, demand: DemandSnapshot, now: number, startWindowMs: number): Promise<void> {
  const live = demand.shows.filter((s) => s.status === "live");
  if (live.length === 0) return;
  const keys = await seriesKeys(tx, live.map((s) => s.eventId));
  for (const show of live) {
    const viewers = show.webrtcViewers + show.hlsViewers;
    const row = await tx.showAttendance.findUnique({ where: { eventId: show.eventId } });
    const inStartWindow = now - show.startsAt <= startWindowMs;
    const startPeak = inStartWindow ? { startPeakViewers: Math.max(viewers, row?.startPeakViewers ?? 0) } : {};
    const data = { ticketsSold: show.ticketsSold, peakViewers: Math.max(viewers, row?.peakViewers ?? 0), ...startPeak };
    if (row) await tx.showAttendance.update({ where: { eventId: show.eventId }, data });
    else await tx.showAttendance.create({ data: { eventId: show.eventId, seriesKey: keys.get(show.eventId) as string, startsAt: new Date(show.startsAt), ...data } });
  }
}

/**
 * The learned show-up rate of each given event's series (showUpRateFromHistory
 * over the series' last 5 earlier shows) and its start show-up rate
 * (startShowUpRateFromHistory, when a start of the series was watched), for
 * events whose series has a usable history; others are left out (the policy
 * then uses SCALING_EXPECTED_ATTENDANCE and pre-warms the whole rate).
 */
export async function learnedShowUpRates(db: Db, events: { id: string; startsAt: Date }[]): Promise<Map<string, { showUpRate?: number; startShowUpRate?: number }>> {
  const keys = await seriesKeys(db, events.map((e) => e.id));
  const out = new Map<string, { showUpRate?: number; startShowUpRate?: number }>();
  for (const event of events) {
    const history = await db.showAttendance.findMany({
      where: { seriesKey: keys.get(event.id) as string, startsAt: { lt: event.startsAt }, eventId: { not: event.id } },
      orderBy: { startsAt: "desc" },
      take: HISTORY,
    });
    const rate = showUpRateFromHistory(history);
    const startRate = startShowUpRateFromHistory(history);
    if (rate !== undefined) out.set(event.id, { showUpRate: rate, ...(startRate !== undefined ? { startShowUpRate: startRate } : {}) });
  }
  return out;
}
