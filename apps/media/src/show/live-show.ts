/**
 * The media graph of one live show on one media server:
 *
 *   host WebRtcEndpoint ⇄ HubPort ─┐
 *   PlayerEndpoint → HubPort ──────┤ Composite ── program HubPort ─┬→ viewer WebRtcEndpoint (sendonly) × N
 *                                  ┘                               └→ RtpEndpoint → ffmpeg → RTMP origin
 *
 * Viewers share ONE program HubPort (one encoder; a port per viewer costs
 * ~15 % CPU each, docs/kurento.md). Hosts get their own HubPort both ways
 * (they see the program). A leaving host is disconnected at once and its
 * HubPort released after a delay (Kurento #421). When the media server loses
 * our session (KMS restart), the graph is rebuilt on a reachable server and
 * every peer is asked to renegotiate.
 *
 * This class holds media state only; persistence and socket.io are the
 * caller's (through ShowObserver).
 */
import { type Logger } from "pino";
import { AppError } from "@limelight/domain";
import { assignHostSlot } from "@limelight/domain/show/host-slots";
import { shouldEndEmptyShow } from "@limelight/domain/show/show-timing";
import { type HostSlot, type IceCandidate, MAX_INJECTED_VIDEOS, type MediaStatus } from "@limelight/contracts";
import { isSessionLost, type MediaRef, type MediaServer, MediaServerError } from "../media-server";
import { asUnavailable, PEER_INPUT_ERRORS, toIceCandidate } from "./media-errors";
import { MAX_ICE_CANDIDATES_PER_OFFER, type MediaServerSource, type ShowCounts, type ShowObserver, type ShowSettings } from "./show-types";
import { type ProgramBridge, type ProgramPublisher } from "../program/program-publisher";
import { NODE_TAG } from "../kurento/kms-pool";

interface PeerMedia {
  endpoint: MediaRef | null;
  /** Candidates received before the endpoint exists (bounded by MAX_ICE_CANDIDATES_PER_OFFER). */
  pending: IceCandidate[];
  /** Candidates taken for the current offer (queued or forwarded). */
  received: number;
}

interface HostEntry extends PeerMedia {
  slot: number;
  userId: string;
  name: string;
  peerId: string | null;
  hubPort: MediaRef | null;
  droppedAt: number | null;
  dropTimer: NodeJS.Timeout | null;
  /** True once the host's media (video into its WebRtcEndpoint) has not flowed for mediaFlowStallMs. */
  mediaStalled: boolean;
  /** Armed while no video flows in from the host; fires mediaStalled. */
  stallTimer: NodeJS.Timeout | null;
}

interface ViewerEntry extends PeerMedia {
  peerId: string;
  userId: string;
}

interface VideoEntry {
  id: string;
  uri: string;
  player: MediaRef | null;
  hubPort: MediaRef | null;
  playing: boolean;
}

/** One live show's media graph. */
export class LiveShow {
  private server: MediaServer | null = null;
  private pipeline: MediaRef | null = null;
  private composite: MediaRef | null = null;
  private programPort: MediaRef | null = null;
  private bridge: ProgramBridge | null = null;
  private opening: Promise<void> | null = null;
  private rebuilding: Promise<void> | null = null;
  private ended = false;
  private generation = 0;
  private emptyTimer: NodeJS.Timeout | null = null;
  private emptySince: number | null = null;
  private readonly hosts = new Map<string, HostEntry>();
  private readonly viewers = new Map<string, ViewerEntry>();
  private readonly videos = new Map<string, VideoEntry>();
  private readonly releaseTimers = new Set<NodeJS.Timeout>();
  private status: MediaStatus = { status: "ok", message: "Media server connected" };

  constructor(
    readonly eventId: string,
    private readonly servers: MediaServerSource,
    private readonly publisher: ProgramPublisher | null,
    private readonly settings: ShowSettings,
    private readonly observer: ShowObserver,
    private readonly log: Logger,
  ) {}

  /** True once the graph exists (or is being rebuilt after losing its media server) and the show has not ended. */
  get live(): boolean {
    return (this.pipeline !== null || this.rebuilding !== null) && !this.ended;
  }

  /** True after end(). */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Media status as hosts should see it. */
  get mediaStatus(): MediaStatus {
    return this.status;
  }

  /** Media refs for tests and stats: pipeline, composite, program HubPort, RTP bridge. */
  get graph(): { serverUrl: string | null; pipeline: MediaRef | null; composite: MediaRef | null; programPort: MediaRef | null; bridge: ProgramBridge | null } {
    return { serverUrl: this.server?.url ?? null, pipeline: this.pipeline, composite: this.composite, programPort: this.programPort, bridge: this.bridge };
  }

  /** Hosts by slot (connected or inside their rejoin grace). */
  hostSlots(): HostSlot[] {
    return [...this.hosts.values()]
      .map((h) => ({ slot: h.slot, userId: h.userId, name: h.name, connected: h.peerId !== null, reconnecting: h.peerId !== null && h.mediaStalled }))
      .sort((a, b) => a.slot - b.slot);
  }

  /** Live counts. */
  counts(): ShowCounts {
    return {
      live: this.live,
      hosts: [...this.hosts.values()].filter((h) => h.peerId !== null).length,
      webrtcViewers: [...this.viewers.values()].filter((v) => v.endpoint !== null).length,
      injectedVideos: this.videos.size,
    };
  }

  /**
   * Creates the MediaPipeline, Composite, program HubPort and the RTP bridge
   * (once; concurrent callers share the work). Throws AppError
   * MEDIA_SERVER_UNAVAILABLE when no media server answers; nothing is left behind.
   */
  async open(): Promise<void> {
    if (this.ended) throw new AppError("EVENT_NOT_LIVE", "This show has ended");
    if (this.rebuilding) await this.rebuilding;
    if (this.pipeline) return;
    this.opening ??= this.build().finally(() => {
      this.opening = null;
    });
    await this.opening;
    this.touchEmptyTimer();
  }

  private async build(): Promise<void> {
    const server = await this.servers.acquire();
    let pipeline: MediaRef | null = null;
    try {
      pipeline = await server.createPipeline();
      // Tags are best-effort (some KMS builds and proxies refuse addTag): the server logs a refusal once.
      await server.tag(pipeline, NODE_TAG, this.settings.nodeId);
      await server.tag(pipeline, "limelight-event", this.eventId);
      const composite = await server.createComposite(pipeline);
      const programPort = await server.createHubPort(composite);
      const bridge = this.publisher ? await this.publisher.start({ eventId: this.eventId, server, pipeline, programPort }) : null;
      if (this.ended) {
        await bridge?.stop();
        await server.release(pipeline).catch(() => undefined);
        this.servers.releaseShow(server);
        return;
      }
      this.server = server;
      this.pipeline = pipeline;
      this.composite = composite;
      this.programPort = programPort;
      this.bridge = bridge;
      this.generation += 1;
      server.onSessionLost((reason) => {
        if (this.server === server && !this.ended) void this.rebuild(reason);
      });
      this.setStatus({ status: "ok", message: "Media server connected" });
    } catch (error) {
      if (pipeline) await server.release(pipeline).catch(() => undefined);
      this.servers.releaseShow(server);
      this.log.warn({ err: error, eventId: this.eventId }, "could not build the show's media graph");
      throw asUnavailable(error);
    }
  }

  private requireLive(): { server: MediaServer; pipeline: MediaRef; composite: MediaRef; programPort: MediaRef } {
    if (this.ended) throw new AppError("EVENT_NOT_LIVE", "This show has ended");
    if (this.rebuilding) throw new AppError("MEDIA_SERVER_UNAVAILABLE", "The show is reconnecting to the media server; try again shortly");
    if (!this.server || !this.pipeline || !this.composite || !this.programPort) throw new AppError("EVENT_NOT_LIVE", "This show is not live yet");
    return { server: this.server, pipeline: this.pipeline, composite: this.composite, programPort: this.programPort };
  }

  /**
   * A host sends its camera (SDP offer) and gets the program back: opens the
   * show if needed, keeps the host's slot on rejoin, else takes the lowest
   * free one. Returns the SDP answer and the slot. Throws HOSTS_FULL,
   * EVENT_NOT_LIVE (ended), MEDIA_SERVER_UNAVAILABLE.
   */
  async publishHost(input: { peerId: string; userId: string; name: string; sdpOffer: string }): Promise<{ sdpAnswer: string; slot: number }> {
    await this.open();
    const now = Date.now();
    this.expireDroppedHosts(now);
    const { slot } = assignHostSlot([...this.hosts.values()], input.userId, now, this.settings.hostRejoinGraceMs);
    let entry = this.hosts.get(input.userId);
    if (entry && entry.peerId && entry.peerId !== input.peerId) this.observer.takenOver(entry.peerId);
    const created = !entry;
    if (!entry) {
      entry = { slot, userId: input.userId, name: input.name, peerId: input.peerId, hubPort: null, endpoint: null, pending: [], received: 0, droppedAt: null, dropTimer: null, mediaStalled: false, stallTimer: null };
      this.hosts.set(input.userId, entry);
    }
    const samePeer = entry.peerId === input.peerId;
    entry.peerId = input.peerId;
    entry.droppedAt = null;
    if (!samePeer) entry.pending = [];
    entry.received = entry.pending.length;
    if (entry.dropTimer) clearTimeout(entry.dropTimer);
    entry.dropTimer = null;
    const oldEndpoint = entry.endpoint;
    entry.endpoint = null;
    const generation = this.generation;
    let endpoint: MediaRef | null = null;
    let server: MediaServer | null = null;
    try {
      const live = this.requireLive();
      server = live.server;
      const { pipeline, composite } = live;
      if (oldEndpoint) await this.detachAndRelease(server, oldEndpoint, entry.hubPort);
      entry.hubPort ??= await server.createHubPort(composite);
      endpoint = await server.createWebRtcEndpoint(pipeline, {});
      await server.connect(endpoint, entry.hubPort);
      await server.connect(entry.hubPort, endpoint);
      await this.watchHostFlow(server, endpoint, entry);
      const sdpAnswer = await this.negotiate(server, endpoint, input.peerId, input.sdpOffer, entry);
      if (generation !== this.generation || entry.peerId !== input.peerId) throw new AppError("MEDIA_SERVER_UNAVAILABLE", "The show was rebuilt; send a new offer");
      this.touchEmptyTimer();
      this.observer.stateChanged();
      return { sdpAnswer, slot: entry.slot };
    } catch (error) {
      if (entry.endpoint === endpoint) entry.endpoint = null;
      if (endpoint && server) await server.release(endpoint).catch(() => undefined);
      if (created && this.hosts.get(input.userId) === entry && entry.endpoint === null) this.hosts.delete(input.userId);
      throw this.handleMediaError(error);
    }
  }

  /**
   * A host leaves (`dropped: false`, slot freed now) or its socket dropped
   * (`dropped: true`, slot kept for the rejoin grace). Its WebRtcEndpoint is
   * disconnected and released at once; its HubPort is released after the delay.
   */
  async removeHost(userId: string, peerId: string, dropped: boolean): Promise<void> {
    const entry = this.hosts.get(userId);
    if (!entry || entry.peerId !== peerId) return;
    const endpoint = entry.endpoint;
    const hubPort = entry.hubPort;
    if (entry.stallTimer) clearTimeout(entry.stallTimer);
    entry.stallTimer = null;
    entry.mediaStalled = false;
    entry.endpoint = null;
    entry.peerId = null;
    entry.pending = [];
    entry.received = 0;
    if (dropped) {
      entry.droppedAt = Date.now();
      entry.dropTimer = setTimeout(() => {
        if (this.hosts.get(userId) === entry && entry.peerId === null) {
          this.hosts.delete(userId);
          const leftover = entry.hubPort;
          entry.hubPort = null;
          if (leftover && this.server) void this.server.release(leftover).catch(() => undefined);
          this.observer.stateChanged();
        }
      }, this.settings.hostRejoinGraceMs);
      entry.dropTimer.unref();
    } else {
      this.hosts.delete(userId);
    }
    const server = this.server;
    if (server && endpoint) await this.detachAndRelease(server, endpoint, hubPort);
    if (server && hubPort) {
      if (dropped) {
        // Kept for a quick rejoin; released after the delay unless the host is back.
        this.later(() => {
          if (entry.peerId === null && entry.hubPort === hubPort) {
            entry.hubPort = null;
            void server.release(hubPort).catch(() => undefined);
          }
        });
      } else {
        entry.hubPort = null;
        this.later(() => void server.release(hubPort).catch(() => undefined));
      }
    }
    this.touchEmptyTimer();
    this.observer.stateChanged();
  }

  /**
   * A viewer sends a recvonly SDP offer; a sendonly WebRtcEndpoint fed from
   * the shared program HubPort answers. Throws EVENT_NOT_LIVE before the show
   * opens, MEDIA_SERVER_UNAVAILABLE when KMS fails.
   */
  async watch(input: { peerId: string; userId: string; sdpOffer: string }): Promise<{ sdpAnswer: string }> {
    const { server, pipeline, programPort } = this.requireLive();
    const old = this.viewers.get(input.peerId);
    const pending = old?.pending ?? [];
    const entry: ViewerEntry = { peerId: input.peerId, userId: input.userId, endpoint: null, pending, received: pending.length };
    this.viewers.set(input.peerId, entry);
    if (old?.endpoint) await server.release(old.endpoint).catch(() => undefined);
    const generation = this.generation;
    let endpoint: MediaRef | null = null;
    try {
      endpoint = await server.createWebRtcEndpoint(pipeline, { sendonly: true });
      await server.connect(programPort, endpoint);
      const sdpAnswer = await this.negotiate(server, endpoint, input.peerId, input.sdpOffer, entry);
      if (generation !== this.generation || this.viewers.get(input.peerId) !== entry) throw new AppError("MEDIA_SERVER_UNAVAILABLE", "The show was rebuilt; send a new offer");
      this.observer.stateChanged();
      return { sdpAnswer };
    } catch (error) {
      entry.endpoint = null;
      if (endpoint) await server.release(endpoint).catch(() => undefined);
      if (this.viewers.get(input.peerId) === entry) this.viewers.delete(input.peerId);
      throw this.handleMediaError(error);
    }
  }

  /** A viewer left: its WebRtcEndpoint is released. */
  async removeViewer(peerId: string): Promise<void> {
    const entry = this.viewers.get(peerId);
    if (!entry) return;
    this.viewers.delete(peerId);
    if (entry.endpoint && this.server) await this.server.release(entry.endpoint).catch(() => undefined);
    this.observer.stateChanged();
  }

  /**
   * A browser ICE candidate for the peer's endpoint. Queued while the
   * endpoint is still negotiating. At most MAX_ICE_CANDIDATES_PER_OFFER per
   * offer are taken (a browser sends a handful per interface). Throws
   * BAD_REQUEST when the peer has no offer in progress, TOO_LARGE past the bound.
   */
  async addIceCandidate(peerId: string, candidate: IceCandidate): Promise<void> {
    const media = this.viewers.get(peerId) ?? [...this.hosts.values()].find((h) => h.peerId === peerId);
    if (!media) throw new AppError("BAD_REQUEST", "Send an offer before ICE candidates");
    if (media.received >= MAX_ICE_CANDIDATES_PER_OFFER) throw new AppError("TOO_LARGE", `At most ${MAX_ICE_CANDIDATES_PER_OFFER} ICE candidates per offer`);
    media.received += 1;
    if (!media.endpoint || !this.server) {
      media.pending.push(candidate);
      return;
    }
    await this.server.addIceCandidate(media.endpoint, candidate).catch((error: unknown) => {
      throw this.handleMediaError(error);
    });
  }

  /**
   * Offer/answer on `endpoint`: subscribe IceCandidateFound (before
   * gathering), processOffer, then the endpoint takes the peer's candidates
   * directly (queued ones first) and gathers its own.
   */
  private async negotiate(server: MediaServer, endpoint: MediaRef, peerId: string, sdpOffer: string, media: PeerMedia): Promise<string> {
    await server.subscribe(endpoint, "IceCandidateFound", (event) => {
      const candidate = toIceCandidate(event);
      if (candidate) this.observer.candidate(peerId, candidate);
    });
    const sdpAnswer = await server.processOffer(endpoint, sdpOffer);
    media.endpoint = endpoint;
    const queued = media.pending.splice(0);
    for (const candidate of queued) await server.addIceCandidate(endpoint, candidate);
    await server.gatherCandidates(endpoint);
    return sdpAnswer;
  }

  /**
   * Media flow of a host (MediaFlowInStateChanged on its WebRtcEndpoint,
   * https://doc-kurento.readthedocs.io/en/latest/features/events.html): when no
   * video has flowed in for `mediaFlowStallMs` (from the answer, or since
   * NOT_FLOWING) the host is shown to the others as reconnecting; FLOWING
   * clears it. Best-effort: a server that refuses the subscription is logged.
   */
  private async watchHostFlow(server: MediaServer, endpoint: MediaRef, entry: HostEntry): Promise<void> {
    const stalled = (value: boolean) => {
      if (entry.mediaStalled === value) return;
      entry.mediaStalled = value;
      this.observer.stateChanged();
    };
    const arm = () => {
      if (entry.stallTimer) return;
      entry.stallTimer = setTimeout(() => {
        entry.stallTimer = null;
        if (entry.endpoint === endpoint) stalled(true);
      }, this.settings.mediaFlowStallMs);
      entry.stallTimer.unref();
    };
    const disarm = () => {
      if (entry.stallTimer) clearTimeout(entry.stallTimer);
      entry.stallTimer = null;
    };
    disarm();
    entry.mediaStalled = false;
    arm();
    await server
      .subscribe(endpoint, "MediaFlowInStateChanged", (event) => {
        if (entry.endpoint !== endpoint || (event.data.mediaType !== undefined && event.data.mediaType !== "VIDEO")) return;
        if (event.data.state === "FLOWING") {
          disarm();
          stalled(false);
        } else arm();
      })
      .catch((error: unknown) => this.log.warn({ err: error }, "could not watch a host's media flow"));
  }

  private async detachAndRelease(server: MediaServer, endpoint: MediaRef, hubPort: MediaRef | null): Promise<void> {
    if (hubPort) {
      await server.disconnect(endpoint, hubPort).catch(() => undefined);
      await server.disconnect(hubPort, endpoint).catch(() => undefined);
    }
    await server.release(endpoint).catch(() => undefined);
  }

  /**
   * Adds an injected video: PlayerEndpoint → its own HubPort; stopped until play. `uri` may carry
   * credentials (it goes to Kurento only). Throws EVENT_NOT_LIVE, CONFLICT (MAX_INJECTED_VIDEOS),
   * INVALID_ARGUMENT (address refused by the guard), MEDIA_SERVER_UNAVAILABLE.
   */
  async addVideo(video: { id: string; uri: string }): Promise<void> {
    const live = this.requireLive();
    if (this.videos.size >= MAX_INJECTED_VIDEOS) throw new AppError("CONFLICT", `A show can have at most ${MAX_INJECTED_VIDEOS} injected videos; remove one first`);
    const entry: VideoEntry = { id: video.id, uri: video.uri, player: null, hubPort: null, playing: false };
    this.videos.set(video.id, entry);
    try {
      await this.attachVideo(entry, live);
    } catch (error) {
      this.videos.delete(video.id);
      throw this.handleMediaError(error);
    }
    this.observer.stateChanged();
  }

  private async attachVideo(entry: VideoEntry, live: { server: MediaServer; pipeline: MediaRef; composite: MediaRef }): Promise<void> {
    const { server, pipeline, composite } = live;
    await this.settings.playerUriGuard.check(entry.uri);
    const player = await server.createPlayerEndpoint(pipeline, entry.uri);
    try {
      await server.subscribe(player, "EndOfStream", () => {
        entry.playing = false;
        this.observer.videoEnded(entry.id);
      });
      const hubPort = await server.createHubPort(composite);
      entry.hubPort = hubPort;
      await server.connect(player, hubPort);
      entry.player = player;
    } catch (error) {
      await server.release(player).catch(() => undefined);
      if (entry.hubPort) await server.release(entry.hubPort).catch(() => undefined);
      entry.hubPort = null;
      throw error;
    }
  }

  /** Plays (`true`) or stops (`false`) a video. Throws NOT_FOUND for an unknown video. */
  async setVideoPlaying(videoId: string, playing: boolean): Promise<void> {
    const { server } = this.requireLive();
    const entry = this.videos.get(videoId);
    if (!entry?.player) throw new AppError("NOT_FOUND", "No such video in this show");
    if (playing) await this.settings.playerUriGuard.check(entry.uri);
    try {
      if (playing) await server.play(entry.player);
      else await server.stop(entry.player);
    } catch (error) {
      throw this.handleMediaError(error);
    }
    entry.playing = playing;
  }

  /** Removes a video: player disconnected and released, its HubPort released after the delay. */
  async removeVideo(videoId: string): Promise<void> {
    const entry = this.videos.get(videoId);
    if (!entry) return;
    this.videos.delete(videoId);
    const server = this.server;
    if (server && entry.player) {
      if (entry.hubPort) await server.disconnect(entry.player, entry.hubPort).catch(() => undefined);
      await server.release(entry.player).catch(() => undefined);
    }
    const hubPort = entry.hubPort;
    if (server && hubPort) this.later(() => void server.release(hubPort).catch(() => undefined));
    this.observer.stateChanged();
  }

  /** Ends the show: stops the bridge, releases the MediaPipeline (and all its elements). Idempotent. */
  async end(reason: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.emptyTimer) clearTimeout(this.emptyTimer);
    for (const t of this.releaseTimers) clearTimeout(t);
    this.releaseTimers.clear();
    for (const h of this.hosts.values()) {
      if (h.dropTimer) clearTimeout(h.dropTimer);
      if (h.stallTimer) clearTimeout(h.stallTimer);
    }
    await this.opening?.catch(() => undefined);
    await this.teardown();
    this.hosts.clear();
    this.viewers.clear();
    this.videos.clear();
    this.observer.ended(reason);
  }

  private async teardown(): Promise<void> {
    const server = this.server;
    const pipeline = this.pipeline;
    const bridge = this.bridge;
    this.server = null;
    this.pipeline = null;
    this.composite = null;
    this.programPort = null;
    this.bridge = null;
    await bridge?.stop().catch(() => undefined);
    if (server && pipeline) {
      await server.release(pipeline).catch((error: unknown) => this.log.warn({ err: error }, "pipeline release failed"));
      this.servers.releaseShow(server);
    }
  }

  private handleMediaError(error: unknown): unknown {
    if (isSessionLost(error) && !this.ended) {
      void this.rebuild("media server lost our session");
      return new AppError("MEDIA_SERVER_UNAVAILABLE", "The media server restarted; the show is being rebuilt", { cause: error });
    }
    if (error instanceof MediaServerError && error.kmsCode !== undefined && PEER_INPUT_ERRORS[error.kmsCode]) {
      return new AppError("INVALID_ARGUMENT", PEER_INPUT_ERRORS[error.kmsCode] as string, { cause: error });
    }
    if (error instanceof MediaServerError) return new AppError("MEDIA_SERVER_UNAVAILABLE", "The media server failed to answer", { cause: error });
    return error;
  }

  /**
   * Rebuilds the whole graph after the media server lost our session: new
   * pipeline on a reachable server (retrying), videos re-attached, then every
   * host and viewer is told to renegotiate.
   */
  rebuild(reason: string): Promise<void> {
    this.rebuilding ??= this.doRebuild(reason).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  private async doRebuild(reason: string): Promise<void> {
    this.log.warn({ eventId: this.eventId, reason }, "rebuilding show");
    this.setStatus({ status: "recovering", message: `Lost the media server (${reason}); reconnecting` });
    const oldBridge = this.bridge;
    const oldServer = this.server;
    this.bridge = null;
    this.server = null;
    this.pipeline = null;
    this.composite = null;
    this.programPort = null;
    await oldBridge?.stop().catch(() => undefined);
    if (oldServer) this.servers.releaseShow(oldServer);
    for (const h of this.hosts.values()) {
      h.endpoint = null;
      h.hubPort = null;
    }
    for (const v of this.viewers.values()) v.endpoint = null;
    for (const v of this.videos.values()) {
      v.player = null;
      v.hubPort = null;
    }
    while (!this.ended) {
      try {
        await this.build();
        break;
      } catch {
        this.setStatus({ status: "unavailable", message: "The media server is not reachable; retrying" });
        await new Promise((resolve) => setTimeout(resolve, this.settings.retryMs));
      }
    }
    const server = this.server as MediaServer | null;
    if (this.ended || !server || !this.pipeline || !this.composite) return;
    try {
      for (const v of this.videos.values()) {
        try {
          await this.attachVideo(v, { server, pipeline: this.pipeline, composite: this.composite });
          if (v.playing && v.player) await server.play(v.player);
        } catch (error) {
          this.log.warn({ err: error, videoId: v.id }, "could not re-attach an injected video");
        }
      }
    } catch (error) {
      this.log.warn({ err: error }, "could not re-attach injected videos");
    }
    const peers = [...[...this.hosts.values()].map((h) => h.peerId), ...this.viewers.keys()].filter((p): p is string => p !== null);
    this.observer.renegotiate(peers, "The media server restarted; send a new offer");
    this.observer.stateChanged();
  }

  private expireDroppedHosts(now: number): void {
    for (const [userId, h] of this.hosts) {
      if (h.droppedAt !== null && now - h.droppedAt >= this.settings.hostRejoinGraceMs) this.hosts.delete(userId);
    }
  }

  private touchEmptyTimer(): void {
    if (this.ended) return;
    const anyHost = [...this.hosts.values()].some((h) => h.peerId !== null);
    if (anyHost) {
      if (this.emptyTimer) clearTimeout(this.emptyTimer);
      this.emptyTimer = null;
      this.emptySince = null;
      return;
    }
    if (this.emptyTimer || !this.live) return;
    this.emptySince = Date.now();
    this.armEmptyTimer(this.settings.emptyShowGraceMs);
  }

  private armEmptyTimer(delayMs: number): void {
    this.emptyTimer = setTimeout(() => {
      this.emptyTimer = null;
      const now = Date.now();
      if (shouldEndEmptyShow(this.emptySince, now, this.settings.emptyShowGraceMs)) void this.end("All hosts left");
      else if (this.emptySince !== null) this.armEmptyTimer(this.settings.emptyShowGraceMs - (now - this.emptySince));
    }, Math.max(0, delayMs));
    this.emptyTimer.unref();
  }

  private later(fn: () => void): void {
    const t = setTimeout(() => {
      this.releaseTimers.delete(t);
      fn();
    }, this.settings.hubPortReleaseDelayMs);
    t.unref();
    this.releaseTimers.add(t);
  }

  private setStatus(status: MediaStatus): void {
    if (status.status === this.status.status && status.message === this.status.message) return;
    this.status = status;
    this.observer.mediaStatus(status);
  }
}
