/**
 * The signaling seam between a browser RTCPeerConnection and the media
 * service. The WebRTC modules (webrtc-publisher, webrtc-viewer) speak only
 * this interface; `media-signaling.ts` implements it over the socket.io
 * connection typed by `@limelight/contracts`.
 *
 * Flow (Kurento trickle ICE, https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html):
 * the browser creates the SDP offer, the server answers it through the
 * WebRtcEndpoint's `processOffer`, then both sides trickle ICE candidates.
 */

/** An ICE candidate as carried on the wire (RTCIceCandidateInit subset, RFC 8839 `candidate:` line). */
export interface WireIceCandidate {
  /** The `candidate:...` attribute line. */
  candidate: string;
  /** Media stream id of the m-line, or null. */
  sdpMid: string | null;
  /** Index of the m-line in the SDP, or null. */
  sdpMLineIndex: number | null;
  /** The ICE username fragment of the session the candidate belongs to (RTCIceCandidate.usernameFragment), when known. */
  usernameFragment?: string | null;
}

/**
 * One peer's signaling channel. `exchangeOffer` sends the browser's SDP
 * offer and resolves to the server's SDP answer (it rejects with an Error
 * whose message is the server's error message). Candidates flow both ways.
 */
export interface PeerSignaling {
  /** Sends the SDP offer; resolves to the SDP answer. Rejects on an error ack or timeout. */
  exchangeOffer(sdpOffer: string): Promise<string>;
  /** Sends one local ICE candidate (fire and forget; the server acks errors only in its logs). */
  sendCandidate(candidate: WireIceCandidate): void;
  /** Registers a handler for remote ICE candidates (from the WebRtcEndpoint); returns an unsubscribe function. */
  onRemoteCandidate(handler: (candidate: WireIceCandidate) => void): () => void;
}

/** ICE server list handed to RTCPeerConnection (STUN/TURN URLs from the media service's config). */
export type IceServers = RTCIceServer[];
