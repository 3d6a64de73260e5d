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
import { signEdgeReplayUrl } from "@limelight/edge-token";
import type { RouteViewerConfig, WatchRoute } from "./route-viewer";
import { edgeViewerId } from "./edge-viewer-id";

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
  const edges = await db.edge.findMany({ where: { status: "ready", deletedAt: null, baseUrl: { not: null } }, orderBy: [{ viewers: "asc" }, { id: "asc" }], select: { id: true, baseUrl: true } });
  const [first, ...rest] = edges;
  if (!first?.baseUrl) throw new AppError("PROVIDER_UNAVAILABLE", "The replay cannot be reached right now; try again in a minute");
  const expiresAtSeconds = Math.floor(now / 1000) + config.edgeTokenTtlSeconds;
  const edgeGrant = { streamId: event.id, viewerId: edgeViewerId(actor.userId, event.id), expiresAt: expiresAtSeconds };
  return {
    mode: "hls",
    url: signEdgeReplayUrl(first.baseUrl, edgeGrant, config.edgeTokenSecret),
    expiresAt: expiresAtSeconds * 1000,
    edges: rest.flatMap((e) => (e.baseUrl ? [signEdgeReplayUrl(e.baseUrl, edgeGrant, config.edgeTokenSecret)] : [])),
    edgeId: first.id,
    replay: { availableUntil: grant.availableUntil },
  };
}
