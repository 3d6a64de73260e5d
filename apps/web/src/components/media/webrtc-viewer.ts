/**
 * A ticket holder's WebRTC player connection: a recvonly RTCPeerConnection
 * (one audio and one video transceiver, which is what Kurento supports)
 * negotiated with the viewer's WebRtcEndpoint, which the media service feeds
 * from the show's program HubPort.
 *
 * `renegotiate()` replaces the connection with a fresh offer (after a network
 * loss and socket.io reconnection, or when the server rebuilds the show).
 */
import { createLatestPeer, type PeerState } from "./peer-session";
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
  const peer = createLatestPeer({ signaling: options.signaling, iceServers: options.iceServers, onRemoteStream: options.onProgram, onState: options.onState });
  return {
    get pc() {
      return peer.pc;
    },
    start: () =>
      peer.open((pc) => {
        pc.addTransceiver("audio", { direction: "recvonly" });
        pc.addTransceiver("video", { direction: "recvonly" });
      }),
    stop: () => peer.close(),
  };
}
