/**
 * Shapes around a LiveShow: its settings, what it reports (ShowObserver),
 * where its media server comes from, and its live counts.
 */
import { type IceCandidate, type MediaStatus } from "@limelight/contracts";
import { type MediaServer } from "../media-server";
import { type PlayerUriGuard } from "../videos/injected-uri-guard";

/** Settings of a show: timings (ms) and the media node's id (tag of its pipelines). */
export interface ShowSettings {
  /** Tagged on every MediaPipeline as `limelight-node` so a restarted node can sweep its leftovers. */
  nodeId: string;
  hostRejoinGraceMs: number;
  emptyShowGraceMs: number;
  hubPortReleaseDelayMs: number;
  /** A host whose video has not flowed in for this long is shown as reconnecting, ms. */
  mediaFlowStallMs: number;
  /** A live program with no media flowing out of its HubPort for this long (while it has a source) is reported frozen, ms. */
  programFrozenMs: number;
  /** Delay between attempts to reach a media server while rebuilding. */
  retryMs: number;
  /** Checked right before Kurento fetches an injected video (create, play, rebuild): SSRF guard. */
  playerUriGuard: PlayerUriGuard;
}

/** Most ICE candidates a peer may send per SDP offer (queued or forwarded); more are refused with TOO_LARGE. */
export const MAX_ICE_CANDIDATES_PER_OFFER = 50;

/** What a LiveShow tells the outside world. */
export interface ShowObserver {
  /** Hosts, viewers, videos or media status changed. */
  stateChanged(): void;
  /** A KMS ICE candidate for the peer's endpoint. */
  candidate(peerId: string, candidate: IceCandidate): void;
  /** Peers that must send a new offer (graph rebuilt). */
  renegotiate(peerIds: string[], reason: string): void;
  /** A peer was replaced by a newer device of the same host. */
  takenOver(peerId: string): void;
  /** Media status of the show changed. */
  mediaStatus(status: MediaStatus): void;
  /** An injected video reached its end (EndOfStream). */
  videoEnded(videoId: string): void;
  /** The show ended (all media released). */
  ended(reason: string): void;
}

/** Source of media servers (KmsPool). */
export interface MediaServerSource {
  acquire(): Promise<MediaServer>;
  releaseShow(server: MediaServer): void;
}

/** Counts of a show (for stats, metrics and routing). */
export interface ShowCounts {
  live: boolean;
  hosts: number;
  webrtcViewers: number;
  injectedVideos: number;
}
