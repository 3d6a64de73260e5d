/**
 * The host's side of going live: sends the local camera and microphone to
 * the host's WebRtcEndpoint (sendrecv) and receives the program (the
 * Composite's mix, as viewers see it) on the same RTCPeerConnection.
 *
 * `renegotiate()` replaces the connection with a fresh offer, used when the
 * media service rebuilds the show (KMS restart) or after a socket reconnect.
 * Changing devices while live swaps tracks with RTCRtpSender.replaceTrack,
 * which needs no renegotiation.
 */
import { createLatestPeer, type PeerState } from "./peer-session";
import type { IceServers, PeerSignaling } from "./signaling";

/** Inputs of a publisher. */
export interface PublisherOptions {
  signaling: PeerSignaling;
  iceServers: IceServers;
  /** Called with the program stream (the mix) received from the host's endpoint. */
  onProgram: (stream: MediaStream) => void;
  onState?: (state: PeerState) => void;
}

/** A live host connection. */
export interface Publisher {
  /** Current RTCPeerConnection (replaced by renegotiate). */
  readonly pc: RTCPeerConnection | null;
  /** Negotiates (or renegotiates) with the local stream; rejects when the server refuses the offer, or with SupersededError after a newer negotiation/stop. */
  start(local: MediaStream): Promise<void>;
  /** Closes the current connection and negotiates again with the same local stream. */
  renegotiate(): Promise<void>;
  /** Swaps the sent tracks for those of `local` without renegotiation. */
  replaceStream(local: MediaStream): Promise<void>;
  /** Closes the connection; the local stream is left to its owner. */
  stop(): void;
}

/** Creates a publisher; nothing is sent until `start()`. */
export function createPublisher(options: PublisherOptions): Publisher {
  const peer = createLatestPeer({ signaling: options.signaling, iceServers: options.iceServers, onRemoteStream: options.onProgram, onState: options.onState });
  let stream: MediaStream | null = null;

  const negotiate = () => {
    const local = stream;
    if (!local) return Promise.reject(new Error("no local stream to publish"));
    // sendrecv: our camera goes up, the program comes back on the same m-lines.
    return peer.open((pc) => {
      for (const track of local.getTracks()) pc.addTransceiver(track, { direction: "sendrecv", streams: [local] });
    });
  };

  return {
    get pc() {
      return peer.pc;
    },
    async start(local) {
      stream = local;
      await negotiate();
    },
    renegotiate: negotiate,
    async replaceStream(local) {
      stream = local;
      const pc = peer.pc;
      if (!pc) return;
      for (const sender of pc.getSenders()) {
        const kind = sender.track?.kind;
        const next = local.getTracks().find((t) => t.kind === kind);
        if (next) await sender.replaceTrack(next);
      }
    },
    stop: () => peer.close(),
  };
}
