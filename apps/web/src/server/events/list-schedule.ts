import type { Db } from "@limelight/db";
import { earliestEndWithOpenReplay, openReplayUntil } from "@limelight/domain/access/replay-access";
import { eventInclude, toEventDetail, type EventSummary } from "./views";

/** A show whose replay can still be watched, with the end of its replay window (ms since the epoch). */
export type ReplaySummary = EventSummary & { replayUntil: number };

/**
 * The public schedule at `now`: shows live now; shows on sale whose end is
 * still ahead, soonest first; and ended shows whose replay window is open,
 * most recently ended first (each list at most `limit`, default 100).
 */
export async function listSchedule(
  db: Db,
  now: Date = new Date(),
  limit = 100,
): Promise<{ live: EventSummary[]; upcoming: EventSummary[]; replays: ReplaySummary[] }> {
  const [rows, ended] = await Promise.all([
    db.event.findMany({ where: { status: { in: ["live", "on_sale"] } }, include: eventInclude, orderBy: { startsAt: "asc" }, take: limit }),
    db.event.findMany({
      where: { status: "ended", replayWindowHours: { gt: 0 }, endedAt: { gte: new Date(earliestEndWithOpenReplay(now.getTime())) } },
      include: eventInclude,
      orderBy: { endedAt: "desc" },
      take: limit,
    }),
  ]);
  const events = rows.map(toEventDetail);
  const replays = ended.flatMap((row) => {
    const until = openReplayUntil(row, now.getTime());
    return until !== null ? [{ ...toEventDetail(row), replayUntil: until }] : [];
  });
  return {
    live: events.filter((e) => e.status === "live"),
    upcoming: events.filter((e) => e.status === "on_sale" && e.startsAt.getTime() + e.durationMinutes * 60_000 > now.getTime()),
    replays,
  };
}
