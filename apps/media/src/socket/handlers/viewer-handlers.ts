/** viewer:watch and ice:candidate. */
import { AppError } from "@limelight/domain";
import { requireShowAction } from "@limelight/domain/show/show-permissions";
import { requireRoleInEvent } from "../authenticate";
import { type SocketDeps } from "../context";
import { onRequest } from "../on-request";
import { type MediaSocket } from "../rooms";

/** Registers the WebRTC requests of viewers (and ICE for everyone). */
export function registerViewerHandlers(socket: MediaSocket, deps: SocketDeps): void {
  const { claims } = socket.data;
  const { registry, db } = deps;
  const log = deps.logger.child({ eventId: claims.eventId, userId: claims.userId });

  onRequest(socket, "viewer:watch", log, async ({ sdpOffer }) => {
    requireShowAction(claims.role, "watch");
    await deps.rateLimits.take("negotiation", `${claims.eventId}:${claims.userId}`);
    // The ticket may have been refunded or revoked since the socket connected.
    await requireRoleInEvent(db, claims);
    if (!socket.connected) throw new AppError("SESSION_TAKEN_OVER", "This ticket is in use on another device");
    const show = registry.get(claims.eventId);
    if (!show?.live) throw new AppError("EVENT_NOT_LIVE", "This show is not live yet");
    const answer = await show.watch({ peerId: socket.id, userId: claims.userId, sdpOffer });
    deps.onViewerJoined();
    return answer;
  });

  onRequest(socket, "ice:candidate", log, async ({ candidate }) => {
    const show = registry.get(claims.eventId);
    if (!show) throw new AppError("EVENT_NOT_LIVE", "This show is not live");
    await show.addIceCandidate(socket.id, candidate);
  });
}
