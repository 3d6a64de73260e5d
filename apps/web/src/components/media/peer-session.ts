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
  // usernameFragment ties the candidate to this offer's ICE session: the media service drops it when it arrives late, after a newer offer.
  return { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex, usernameFragment: candidate.usernameFragment };
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

/** Inputs of createLatestPeer: the signaling and ICE servers, and callbacks of the current session only. */
export interface LatestPeerOptions {
  signaling: PeerSignaling;
  iceServers: IceServers;
  /** Called with the remote stream (the program) of the current session. */
  onRemoteStream: (stream: MediaStream) => void;
  onState?: (state: PeerState) => void;
}

/** At most one live PeerSession: each `open` replaces the previous one; `close` ends it. */
export interface LatestPeer {
  /** The current session's RTCPeerConnection, or null. */
  readonly pc: RTCPeerConnection | null;
  /**
   * Closes the current session and negotiates a new one with `prepare`.
   * Rejects when the offer exchange fails, or with SupersededError when a
   * newer `open` or a `close` came before it finished (its connection is then closed).
   */
  open(prepare: (pc: RTCPeerConnection) => void): Promise<void>;
  /** Closes the current session; a negotiation still in flight is superseded. */
  close(): void;
}

/**
 * The one-current-connection rule shared by the host's publisher and the
 * viewer's player: every `open` or `close` bumps a generation, and a
 * negotiation that finishes under an older generation is closed instead of
 * becoming current; callbacks of superseded sessions are dropped.
 */
export function createLatestPeer(options: LatestPeerOptions): LatestPeer {
  let session: PeerSession | null = null;
  let generation = 0;
  return {
    get pc() {
      return session?.pc ?? null;
    },
    async open(prepare) {
      const mine = ++generation;
      session?.close();
      session = null;
      const opened = await openPeerSession({
        signaling: options.signaling,
        iceServers: options.iceServers,
        prepare,
        onRemoteStream: (stream) => {
          if (mine === generation) options.onRemoteStream(stream);
        },
        onState: (state) => {
          if (mine === generation) options.onState?.(state);
        },
      });
      if (mine !== generation) {
        opened.close();
        throw new SupersededError();
      }
      session = opened;
    },
    close() {
      generation += 1;
      session?.close();
      session = null;
    },
  };
}
