/**
 * One negotiated RTCPeerConnection against a Kurento WebRtcEndpoint: creates
 * the SDP offer, exchanges it through a PeerSignaling, applies the answer and
 * trickles ICE both ways. Remote candidates that arrive before the answer is
 * applied are queued (addIceCandidate needs a remote description); local
 * candidates gathered before the answer are sent right after it.
 *
 * A KMS restart creates new WebRtcEndpoints, so renegotiation is done by
 * closing this session and opening a new one (see webrtc-publisher/viewer).
 */
import type { IceServers, PeerSignaling, WireIceCandidate } from "./signaling";

/** Connection states surfaced to the UI. */
export type PeerState = "connecting" | "connected" | "disconnected" | "failed" | "closed";

/** What a PeerSession needs: how to fill the connection before the offer, and callbacks. */
export interface PeerSessionOptions {
  signaling: PeerSignaling;
  iceServers: IceServers;
  /** Adds tracks or transceivers to the fresh connection (send side, recv side). */
  prepare: (pc: RTCPeerConnection) => void;
  /** Called with the remote stream once its first track arrives (the program). */
  onRemoteStream?: (stream: MediaStream) => void;
  /** Called on every connection state change. */
  onState?: (state: PeerState) => void;
}

/** Thrown by a negotiation that was replaced by a newer one (or stopped) before it finished; callers ignore it. */
export class SupersededError extends Error {
  constructor() {
    super("negotiation superseded");
    this.name = "SupersededError";
  }
}

/** A negotiated peer connection; `close()` is idempotent. */
export interface PeerSession {
  readonly pc: RTCPeerConnection;
  close(): void;
}

function toWire(candidate: RTCIceCandidate): WireIceCandidate {
  return { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex };
}

function mapState(state: RTCPeerConnectionState): PeerState {
  switch (state) {
    case "connected":
      return "connected";
    case "disconnected":
      return "disconnected";
    case "failed":
      return "failed";
    case "closed":
      return "closed";
    default:
      return "connecting";
  }
}

/**
 * Opens a peer session: offer → signaling → answer, with trickle ICE.
 * Resolves once the answer is applied (media may still be connecting).
 * Rejects (and closes the connection) when the offer exchange fails.
 */
export async function openPeerSession(options: PeerSessionOptions): Promise<PeerSession> {
  const pc = new RTCPeerConnection({ iceServers: options.iceServers });
  let closed = false;
  const pending: WireIceCandidate[] = [];
  const remote = new MediaStream();

  const addRemote = (candidate: WireIceCandidate) => {
    if (closed) return;
    if (!pc.remoteDescription) {
      pending.push(candidate);
      return;
    }
    pc.addIceCandidate(candidate).catch(() => {
      // a candidate for a closed or replaced connection is harmless
    });
  };
  const unsubscribe = options.signaling.onRemoteCandidate(addRemote);

  // Local candidates are held until the answer arrives: by then the server's
  // WebRtcEndpoint exists, whatever order the server handles messages in.
  let answered = false;
  const outgoing: WireIceCandidate[] = [];
  pc.onicecandidate = (event) => {
    if (!event.candidate || !event.candidate.candidate) return;
    const wire = toWire(event.candidate);
    if (answered) options.signaling.sendCandidate(wire);
    else outgoing.push(wire);
  };
  pc.ontrack = (event) => {
    if (!remote.getTracks().includes(event.track)) remote.addTrack(event.track);
    options.onRemoteStream?.(remote);
  };
  pc.onconnectionstatechange = () => options.onState?.(mapState(pc.connectionState));

  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    pc.onicecandidate = null;
    pc.ontrack = null;
    pc.onconnectionstatechange = null;
    pc.close();
    options.onState?.("closed");
  };

  try {
    options.prepare(pc);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await options.signaling.exchangeOffer(offer.sdp ?? "");
    if (closed) throw new Error("the connection was closed during negotiation");
    await pc.setRemoteDescription({ type: "answer", sdp: answer });
    for (const candidate of pending.splice(0)) addRemote(candidate);
    answered = true;
    for (const candidate of outgoing.splice(0)) options.signaling.sendCandidate(candidate);
  } catch (error) {
    close();
    throw error;
  }
  options.onState?.("connecting");
  return { pc, close };
}
