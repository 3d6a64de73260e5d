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
import { openPeerSession, SupersededError, type PeerSession, type PeerState } from "./peer-session";
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
  let session: PeerSession | null = null;
  let stream: MediaStream | null = null;
  // Bumped by every negotiation and stop: a negotiation that finishes after a
  // newer one (or a stop) is closed instead of becoming current.
  let generation = 0;

  const negotiate = async () => {
    const local = stream;
    if (!local) throw new Error("no local stream to publish");
    const mine = ++generation;
    session?.close();
    session = null;
    const opened = await openPeerSession({
      signaling: options.signaling,
      iceServers: options.iceServers,
      prepare: (pc) => {
        // sendrecv: our camera goes up, the program comes back on the same m-lines.
        for (const track of local.getTracks()) pc.addTransceiver(track, { direction: "sendrecv", streams: [local] });
      },
      // Callbacks of a superseded negotiation are dropped.
      onRemoteStream: (program) => {
        if (mine === generation) options.onProgram(program);
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
  };

  return {
    get pc() {
      return session?.pc ?? null;
    },
    async start(local) {
      stream = local;
      await negotiate();
    },
    renegotiate: negotiate,
    async replaceStream(local) {
      stream = local;
      const pc = session?.pc;
      if (!pc) return;
      for (const sender of pc.getSenders()) {
        const kind = sender.track?.kind;
        const next = local.getTracks().find((t) => t.kind === kind);
        if (next) await sender.replaceTrack(next);
      }
    },
    stop() {
      generation += 1;
      session?.close();
      session = null;
    },
  };
}
