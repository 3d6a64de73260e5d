/**
 * The replay of an ended show: access by decideReplayAccess (ticket holders,
 * hosts, admins, within the replay window), then signed URLs of the VOD
 * playlist `<eventId>_replay/index.m3u8` on the least-loaded ready edge and
 * on the others (the same grant and gating as live HLS). Replays are HLS
 * only: there is no media graph after the show.
 */
import type { Db } from "@limelight/db";
import { AppError, type Actor } from "@limelight/domain";
import { decideReplayAccess } from "@limelight/domain/access/replay-access";
import type { AccessTicketView } from "@limelight/domain/access/show-access";
import { readyEdgesByLoad } from "@limelight/domain/routing/choose-viewer-route";
import { signEdgeReplayUrl } from "@limelight/edge-token";
import type { RouteViewerConfig, WatchRoute } from "./watch-route-types";
import { readyEdgeCandidates, signedHlsRoute } from "./signed-hls-route";

/** The ended event as the replay route reads it. */
export interface ReplayEventRow {
  id: string;
  status: string;
  endedAt: Date | null;
  replayWindowHours: number;
  hosts: ReadonlyArray<{ userId: string }>;
}

/**
 * Routes a viewer to the replay at `now` (ms since the epoch). Returns the
 * `mode: "hls"` route with `replay.availableUntil`. Throws AppError
 * UNAUTHENTICATED, FORBIDDEN, REPLAY_UNAVAILABLE, REPLAY_EXPIRED, or
 * PROVIDER_UNAVAILABLE (503) when no edge is ready (the autoscaler keeps one
 * while a replay window is open).
 */
export async function routeReplay(
  db: Db,
  actor: Actor,
  event: ReplayEventRow,
  tickets: readonly AccessTicketView[],
  now: number,
  config: Pick<RouteViewerConfig, "edgeTokenSecret" | "edgeTokenTtlSeconds">,
): Promise<Extract<WatchRoute, { mode: "hls" }>> {
  const grant = decideReplayAccess(actor, { status: event.status, endedAt: event.endedAt, replayWindowHours: event.replayWindowHours, hostUserIds: event.hosts.map((h) => h.userId) }, tickets, now);
  const [first, ...rest] = readyEdgesByLoad(await readyEdgeCandidates(db));
  if (!first) throw new AppError("PROVIDER_UNAVAILABLE", "The replay cannot be reached right now; try again in a minute");
  return { ...signedHlsRoute(first, rest, { userId: actor.userId, eventId: event.id, now }, config, signEdgeReplayUrl), replay: { availableUntil: grant.availableUntil } };
}
