import { type Db } from "@limelight/db";
import { type DemandSnapshot } from "@limelight/domain/scaling/demand";
import { type Logger } from "pino";
import { type DemandSource } from "./demand-source";
import { type MediaStatsClient } from "./media-stats-client";
import { learnedShowUpRates } from "./show-attendance";
import { sumShowViewers } from "@limelight/domain/scaling/show-viewers";
import { earliestEndWithOpenReplay, openReplayUntil } from "@limelight/domain/access/replay-access";

/** Windows of the demand query, ms. */
export interface DbDemandOptions {
  /** Shows starting within this lead are read (pre-warm). */
  leadTimeMs: number;
  /** Shows still "on_sale" this long after their start are still read (late start). */
  rushWindowMs: number;
}

/**
 * Demand from our own data: live shows, shows on sale starting within the
 * lead window (tickets sold = valid tickets), ended shows whose replay window
 * is open (status "replay"), WebRTC viewers from the media
 * service's stats (a live show missing from them has no WebRTC program: it is
 * fed from an encoder), HLS viewers from the edges' own reports (Edge.viewers and,
 * per show, Edge.showViewers of ready and draining edges, refreshed by the
 * health checks).
 */
export class DbDemandSource implements DemandSource {
  constructor(
    private readonly db: Db,
    private readonly media: MediaStatsClient | null,
    private readonly options: DbDemandOptions,
    private readonly log: Logger,
  ) {}

  async read(now: number): Promise<DemandSnapshot> {
    const rows = await this.db.event.findMany({
      where: {
        OR: [
          { status: "live" },
          { status: "on_sale", startsAt: { lte: new Date(now + this.options.leadTimeMs), gte: new Date(now - this.options.rushWindowMs) } },
          { status: "ended", replayWindowHours: { gt: 0 }, endedAt: { gte: new Date(earliestEndWithOpenReplay(now)) } },
        ],
      },
      select: { id: true, startsAt: true, status: true, endedAt: true, replayWindowHours: true },
    });
    // Ended shows count only while their own replay window is open.
    const events = rows.filter((e) => e.status !== "ended" || openReplayUntil(e, now) !== null);
    const tickets = events.length
      ? await this.db.ticket.groupBy({ by: ["eventId"], where: { eventId: { in: events.map((e) => e.id) }, status: "valid" }, _count: { _all: true } })
      : [];
    const sold = new Map(tickets.map((t) => [t.eventId, t._count._all]));
    let webrtc = new Map<string, number>();
    // Shows the media service lists have a WebRTC program; unknown (null) when it was not asked or failed.
    let programs: Set<string> | null = null;
    if (this.media && events.some((e) => e.status === "live")) {
      try {
        webrtc = await this.media.webrtcViewers();
        programs = new Set(webrtc.keys());
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, "media stats unavailable; WebRTC viewers counted as 0");
      }
    }
    const rates = await learnedShowUpRates(this.db, events.filter((e) => e.status !== "ended"));
    const edges = await this.db.edge.findMany({ where: { status: { in: ["ready", "draining"] } }, select: { viewers: true, showViewers: true } });
    const hls = sumShowViewers(edges.map((e) => e.showViewers));
    return {
      shows: events.map((e) => ({
        eventId: e.id,
        startsAt: e.startsAt.getTime(),
        status: e.status === "live" ? ("live" as const) : e.status === "ended" ? ("replay" as const) : ("scheduled" as const),
        ticketsSold: sold.get(e.id) ?? 0,
        webrtcViewers: webrtc.get(e.id) ?? 0,
        hlsViewers: hls.get(e.id) ?? 0,
        ...(e.status === "live" && programs ? { webrtcProgram: programs.has(e.id) } : {}),
        ...rates.get(e.id),
      })),
      hlsViewersOnEdges: edges.reduce((n, e) => n + e.viewers, 0),
    };
  }
}
