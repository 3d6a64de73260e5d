/**
 * PeerSignaling over the media service's socket.io connection
 * (`@limelight/contracts`): the SDP offer goes out as `host:publish`
 * (host, sendrecv) or `viewer:watch` (viewer, recvonly) and the ack carries
 * the SDP answer; ICE candidates travel as `ice:candidate` both ways.
 */
import { onServerEvent, request, type MediaSocket } from "./media-connection";
import type { PeerSignaling, WireIceCandidate } from "./signaling";

/** Which offer request to send: a host's camera or a viewer's program. */
export type SignalingRole = "host" | "viewer";

/**
 * Builds the PeerSignaling of `role` on `socket`. `exchangeOffer` throws
 * MediaRequestError with the server's code (HOSTS_FULL, EVENT_NOT_LIVE,
 * MEDIA_SERVER_UNAVAILABLE, SESSION_TAKEN_OVER, ...).
 * `onSlot` receives the host's Composite slot (0..3) from the publish ack.
 */
export function socketSignaling(socket: MediaSocket, role: SignalingRole, onSlot?: (slot: number) => void): PeerSignaling {
  return {
    async exchangeOffer(sdpOffer) {
      if (role === "host") {
        const result = await request(socket, "host:publish", { sdpOffer });
        onSlot?.(result.slot);
        return result.sdpAnswer;
      }
      const result = await request(socket, "viewer:watch", { sdpOffer });
      return result.sdpAnswer;
    },
    sendCandidate(candidate) {
      // A refused candidate (e.g. after the endpoint was released) needs no handling here.
      socket.emit("ice:candidate", { candidate }, () => undefined);
    },
    onRemoteCandidate(handler) {
      const listener = (payload: { candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } }) => {
        const wire: WireIceCandidate = {
          candidate: payload.candidate.candidate,
          sdpMid: payload.candidate.sdpMid ?? null,
          sdpMLineIndex: payload.candidate.sdpMLineIndex ?? null,
        };
        handler(wire);
      };
      return onServerEvent(socket, "ice:candidate", listener);
    },
  };
}
