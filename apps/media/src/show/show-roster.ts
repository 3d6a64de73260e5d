/**
 * Who and what takes part in a live show: hosts (by user id), WebRTC viewers
 * (by peer id) and injected videos (by id), with the media refs each holds on
 * the current graph. A roster exists while the show is `live` or
 * `recovering` (it outlives a rebuild: its media refs are dropped and
 * re-created on the new graph) and is discarded when the show ends.
 */
import { type IceCandidate } from "@limelight/contracts";
import { type MediaRef } from "../media-server";
import { TimerBag } from "./timer-bag";

/** Media of one peer (host or viewer) on the current graph. */
export interface PeerMedia {
  endpoint: MediaRef | null;
  /** Candidates received before the endpoint exists (bounded by MAX_ICE_CANDIDATES_PER_OFFER). */
  pending: IceCandidate[];
  /** Candidates taken for the current offer (queued or forwarded). */
  received: number;
  /** The ICE username fragment of the current offer (its `a=ice-ufrag`), null before the first offer or when it has none. */
  iceUfrag: string | null;
}

/** A host in its slot: connected (`peerId` set) or inside its rejoin grace (`droppedAt`, ms since epoch). */
export interface HostEntry extends PeerMedia {
  slot: number;
  userId: string;
  name: string;
  peerId: string | null;
  hubPort: MediaRef | null;
  droppedAt: number | null;
  /** True once the host's video has not flowed into its WebRtcEndpoint for mediaFlowStallMs. */
  mediaStalled: boolean;
}

/** A WebRTC viewer fed from the shared program HubPort. */
export interface ViewerEntry extends PeerMedia {
  peerId: string;
  userId: string;
}

/** An injected video: PlayerEndpoint → its own HubPort (refs null while not attached). */
export interface VideoEntry {
  id: string;
  /** May carry credentials: goes to Kurento only, never to clients or logs. */
  uri: string;
  player: MediaRef | null;
  hubPort: MediaRef | null;
  playing: boolean;
}

/** Timer key of a dropped host's rejoin grace in ShowRoster.timers. */
export const dropTimerKey = (userId: string): string => `drop:${userId}`;
/** Timer key of the empty-show end in ShowRoster.timers. */
export const EMPTY_TIMER = "empty";

/** Hosts, viewers and videos of a show, and the timers that live as long as they do (host rejoin grace, empty-show end). */
export class ShowRoster {
  readonly hosts = new Map<string, HostEntry>();
  readonly viewers = new Map<string, ViewerEntry>();
  readonly videos = new Map<string, VideoEntry>();
  /** Rejoin grace of dropped hosts and the empty-show end; cancelled when the show ends. */
  readonly timers = new TimerBag();
  /** Since when (ms since epoch) no host has been connected, while the empty-show timer runs. */
  emptySince: number | null = null;

  /** The host or viewer whose socket is `peerId`. */
  peer(peerId: string): PeerMedia | undefined {
    return this.viewers.get(peerId) ?? [...this.hosts.values()].find((h) => h.peerId === peerId);
  }

  /** True when at least one host is connected. */
  anyHostConnected(): boolean {
    return [...this.hosts.values()].some((h) => h.peerId !== null);
  }

  /** Socket ids of every connected host and viewer. */
  peerIds(): string[] {
    return [...[...this.hosts.values()].map((h) => h.peerId), ...this.viewers.keys()].filter((p): p is string => p !== null);
  }

  /** Drops every media ref (the graph they lived on is gone); who takes part is kept. */
  detachMedia(): void {
    for (const h of this.hosts.values()) {
      h.endpoint = null;
      h.hubPort = null;
      h.mediaStalled = false;
    }
    for (const v of this.viewers.values()) v.endpoint = null;
    for (const v of this.videos.values()) {
      v.player = null;
      v.hubPort = null;
    }
  }

  /** Forgets hosts whose rejoin grace (ms) ran out by `now` (ms since epoch). */
  expireDroppedHosts(now: number, graceMs: number): void {
    for (const [userId, h] of this.hosts) {
      if (h.droppedAt !== null && now - h.droppedAt >= graceMs) this.hosts.delete(userId);
    }
  }
}
