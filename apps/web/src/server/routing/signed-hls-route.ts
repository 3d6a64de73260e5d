/**
 * The HLS answer of the routing endpoint, shared by live viewers
 * (route-viewer.ts) and replays (route-replay.ts): one grant for the viewer
 * and show (stable viewer id, expiry `edgeTokenTtlSeconds` from `now`),
 * signed for the chosen edge and for each failover edge.
 */
import type { HlsWatchRoute } from "@limelight/contracts";
import type { Db } from "@limelight/db";
import type { EdgeCandidate, ReadyEdge } from "@limelight/domain/routing/choose-viewer-route";
import { signEdgeUrl, type EdgeGrant } from "@limelight/edge-token";
import { edgeViewerId } from "./edge-viewer-id";

/** The `mode: "hls"` reply (hlsWatchRouteSchema of @limelight/contracts) without a replay window: signed URLs (`expiresAt` Unix time in ms) and the chosen edge's id. */
export type SignedHlsRoute = Omit<HlsWatchRoute, "replay">;

/** The ready, undeleted edges as the routing rule needs them (readyEdgesByLoad / chooseViewerRoute pick among them). */
export function readyEdgeCandidates(db: Db): Promise<EdgeCandidate[]> {
  return db.edge.findMany({ where: { status: "ready", deletedAt: null }, select: { id: true, status: true, baseUrl: true, viewers: true } });
}

/**
 * Signs `edge` and `alternatives` for `userId` watching `eventId` at `now`
 * (ms since the epoch). `sign` builds one edge's URL (default: the live
 * master playlist; route-replay.ts passes signEdgeReplayUrl).
 * Throws an Error on an invalid id or secret (see @limelight/edge-token).
 */
export function signedHlsRoute(
  edge: ReadyEdge,
  alternatives: readonly ReadyEdge[],
  viewer: { userId: string; eventId: string; now: number },
  config: { edgeTokenSecret: string; edgeTokenTtlSeconds: number },
  sign: (edgeBaseUrl: string, grant: EdgeGrant, secret: string) => string = signEdgeUrl,
): SignedHlsRoute {
  const expiresAtSeconds = Math.floor(viewer.now / 1000) + config.edgeTokenTtlSeconds;
  const grant = { streamId: viewer.eventId, viewerId: edgeViewerId(viewer.userId, viewer.eventId), expiresAt: expiresAtSeconds };
  return {
    mode: "hls",
    url: sign(edge.baseUrl, grant, config.edgeTokenSecret),
    expiresAt: expiresAtSeconds * 1000,
    edges: alternatives.map((alternative) => sign(alternative.baseUrl, grant, config.edgeTokenSecret)),
    edgeId: edge.id,
  };
}
