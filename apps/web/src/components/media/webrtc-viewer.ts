/**
 * A ticket holder's WebRTC player connection: a recvonly RTCPeerConnection
 * (one audio and one video transceiver, which is what Kurento supports)
 * negotiated with the viewer's WebRtcEndpoint, which the media service feeds
 * from the show's program HubPort.
 *
 * `renegotiate()` replaces the connection with a fresh offer (after a network
 * loss and socket.io reconnection, or when the server rebuilds the show).
 */
import { openPeerSession, SupersededError, type PeerSession, type PeerState } from "./peer-session";
import type { IceServers, PeerSignaling } from "./signaling";

/** Inputs of a viewer connection. */
export interface ViewerOptions {
  signaling: PeerSignaling;
  iceServers: IceServers;
  /** Called with the program stream once tracks arrive. */
  onProgram: (stream: MediaStream) => void;
  onState?: (state: PeerState) => void;
}

/** A viewer's connection to the program. */
export interface Viewer {
  /** Current RTCPeerConnection (replaced by renegotiate). */
  readonly pc: RTCPeerConnection | null;
  /** Negotiates (or renegotiates); rejects when the server refuses the offer, or with SupersededError after a newer start/stop. */
  start(): Promise<void>;
  /** Closes the connection. */
  stop(): void;
}

/** Creates a viewer connection; nothing is negotiated until `start()`. */
export function createViewer(options: ViewerOptions): Viewer {
  let session: PeerSession | null = null;
  // Bumped by every start/stop: a negotiation that finishes after a newer
  // start or a stop is closed instead of becoming current.
  let generation = 0;
  return {
    get pc() {
      return session?.pc ?? null;
    },
    async start() {
      const mine = ++generation;
      session?.close();
      session = null;
      const opened = await openPeerSession({
        signaling: options.signaling,
        iceServers: options.iceServers,
        prepare: (pc) => {
          pc.addTransceiver("audio", { direction: "recvonly" });
          pc.addTransceiver("video", { direction: "recvonly" });
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
    },
    stop() {
      generation += 1;
      session?.close();
      session = null;
    },
  };
}
