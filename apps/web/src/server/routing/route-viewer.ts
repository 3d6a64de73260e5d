/**
 * POST /api/watch/[eventId]: where a ticket holder watches. Checks the right
 * to watch (decideShowAccess), asks apps/media for the show's WebRTC side (program and viewers),
 * reads the ready edges, applies chooseViewerRoute and answers either
 *   `{ mode: "webrtc", mediaUrl, token, expiresAt }` (a media access token), or
 *   `{ mode: "hls", url, expiresAt, edges, edgeId }` (a signed master playlist
 *   URL on the least-loaded edge plus signed URLs on alternative edges).
 * After the show, within its replay window, the same request answers the
 * replay: `{ mode: "hls", replay: true, availableUntil, ... }` with signed URLs
 * of the VOD playlist (route-replay.ts).
 * `expiresAt` and `availableUntil` are Unix time in ms.
 */
import type { Db } from "@limelight/db";
import type { WatchRequest } from "@limelight/contracts";
import { AppError, type Actor } from "@limelight/domain";
import { decideShowAccess } from "@limelight/domain/access/show-access";
import { chooseViewerRoute } from "@limelight/domain/routing/choose-viewer-route";
import { issueAccessToken } from "../access/issue-access-token";
import type { MediaStats } from "./media-stats";
import { routeReplay } from "./route-replay";
import { readyEdgeCandidates, signedHlsRoute } from "./signed-hls-route";
import type { RouteViewerConfig, WatchRoute } from "./watch-route-types";

export type { RouteViewerConfig, WatchRoute } from "./watch-route-types";

/**
 * Routes one viewer (see the file header). `eventId` and `input` (the viewer's current path when renewing
 * or reconnecting) are as parsed by the route (watchParamsSchema and watchRequestSchema of
 * @limelight/contracts). Throws AppError UNAUTHENTICATED, NOT_FOUND, FORBIDDEN, EVENT_NOT_LIVE; for an ended show
 * REPLAY_UNAVAILABLE, REPLAY_EXPIRED, PROVIDER_UNAVAILABLE (no edge ready).
 */
export async function routeViewer(
  deps: { db: Db; mediaStats: MediaStats },
  actor: Actor | null,
  eventId: string,
  input: WatchRequest,
  config: RouteViewerConfig,
): Promise<WatchRoute> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const { mode: currentMode } = input;
  const event = await deps.db.event.findUnique({ where: { id: eventId }, include: { hosts: { select: { userId: true } } } });
  if (!event) throw new AppError("NOT_FOUND", "No such show");
  const tickets = await deps.db.ticket.findMany({ where: { eventId, userId: actor.userId }, select: { id: true, status: true } });
  const now = config.now ? config.now() : Date.now();
  if (event.status === "ended") return routeReplay(deps.db, actor, event, tickets, now, config);
  const grant = decideShowAccess(actor, { status: event.status, startsAt: new Date(event.startsAt), hostUserIds: event.hosts.map((h) => h.userId) }, tickets, now);

  const needsCount = grant.role === "viewer" && !currentMode;
  const [webrtc, edges] = await Promise.all([
    needsCount ? deps.mediaStats.webrtcSide(eventId) : Promise.resolve(null),
    grant.role === "viewer" ? readyEdgeCandidates(deps.db) : Promise.resolve([]),
  ]);
  const route = chooseViewerRoute({
    role: grant.role,
    currentMode,
    webrtcViewers: webrtc?.viewers ?? null,
    webrtcProgram: webrtc?.program,
    threshold: config.threshold,
    edges,
  });

  if (route.mode === "webrtc") {
    const issued = await issueAccessToken(deps.db, actor, { eventId }, { ...config.accessToken, now: () => now });
    return { mode: "webrtc", mediaUrl: issued.mediaUrl, token: issued.token, expiresAt: issued.expiresAt };
  }
  return signedHlsRoute(route.edge, route.alternatives, { userId: actor.userId, eventId, now }, config);
}
