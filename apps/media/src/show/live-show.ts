/**
 * The media graph of one live show on one media server:
 *
 *   host WebRtcEndpoint ⇄ HubPort ─┐
 *   PlayerEndpoint → HubPort ──────┤ Composite ── program HubPort ─┬→ viewer WebRtcEndpoint (sendonly) × N
 *                                  ┘                               └→ RtpEndpoint → ffmpeg → RTMP origin
 *
 * The show's lifecycle is the state machine of show-state.ts (idle →
 * starting → live → recovering → ending → ended); every change goes through
 * apply(), which runs the pure transition() and cancels the timers of the
 * state left. Host, viewer and video operations live in their own files and
 * work through a ShowContext. When the media server loses our session (KMS
 * restart, hung KMS), the graph is rebuilt on a reachable server and every
 * peer is asked to renegotiate.
 *
 * This class holds media state only; persistence and socket.io are the
 * caller's (through ShowObserver).
 */
import { type Logger } from "pino";
import { AppError } from "@limelight/domain";
import { shouldEndEmptyShow } from "@limelight/domain/show/show-timing";
import { type HostSlot, type IceCandidate, type MediaStatus } from "@limelight/contracts";
import { isSessionLost, type MediaRef, MediaServerError } from "../media-server";
import { type ProgramBridge, type ProgramPublisher } from "../program/program-publisher";
import { publishHostMedia, removeHostMedia } from "./host-media";
import { asUnavailable, PEER_INPUT_ERRORS } from "./media-errors";
import { addPeerIceCandidate } from "./peer-negotiation";
import { programFrozenSince, watchProgramFlow } from "./program-flow";
import { type ShowContext } from "./show-context";
import { abandonShowGraph, buildShowGraph, releaseShowGraph } from "./show-graph-build";
import { EMPTY_TIMER, type ShowRoster } from "./show-roster";
import { type LiveState, rosterOf, type ShowEvent, type ShowGraph, type ShowPhase, type ShowState, timersOf, transition } from "./show-state";
import { type MediaServerSource, type ShowCounts, type ShowObserver, type ShowSettings } from "./show-types";
import { addInjectedVideo, reattachVideos, removeInjectedVideo, setInjectedVideoPlaying } from "./video-media";
import { removeWatcher, watchProgram } from "./viewer-media";

/** One live show's media graph. */
export class LiveShow {
  private state: ShowState = { phase: "idle" };
  private status: MediaStatus = { status: "ok", message: "Media server connected" };
  private readonly ctx: ShowContext;

  constructor(
    readonly eventId: string,
    private readonly servers: MediaServerSource,
    private readonly publisher: ProgramPublisher | null,
    private readonly settings: ShowSettings,
    private readonly observer: ShowObserver,
    private readonly log: Logger,
  ) {
    this.ctx = {
      eventId,
      settings,
      observer,
      log,
      requireLive: () => this.requireLive(),
      liveState: () => (this.state.phase === "live" ? this.state : null),
      roster: () => rosterOf(this.state),
      stillLive: (graph) => this.state.phase === "live" && this.state.graph === graph,
      mediaError: (error) => this.mediaError(error),
      touchEmptyTimer: () => this.touchEmptyTimer(),
    };
  }

  /** The lifecycle phase (idle, starting, live, recovering, ending, ended). */
  get phase(): ShowPhase {
    return this.state.phase;
  }

  /** True once the graph exists (or is being rebuilt after losing its media server) and the show has not ended. */
  get live(): boolean {
    return this.state.phase === "live" || this.state.phase === "recovering";
  }

  /** True after end() (ending or ended). */
  get isEnded(): boolean {
    return this.state.phase === "ending" || this.state.phase === "ended";
  }

  /** Media status as hosts should see it. */
  get mediaStatus(): MediaStatus {
    return this.status;
  }

  /** Media refs for tests and stats: pipeline, composite, program HubPort, RTP bridge (null unless live). */
  get graph(): { serverUrl: string | null; pipeline: MediaRef | null; composite: MediaRef | null; programPort: MediaRef | null; bridge: ProgramBridge | null } {
    if (this.state.phase !== "live") return { serverUrl: null, pipeline: null, composite: null, programPort: null, bridge: null };
    const g = this.state.graph;
    return { serverUrl: g.server.url, pipeline: g.pipeline, composite: g.composite, programPort: g.programPort, bridge: g.bridge };
  }

  /**
   * Since when (ms since epoch) the live program has been frozen at `now`: no
   * video flowing out of the program HubPort for programFrozenMs while a host
   * is connected or a video plays. Null when not frozen or not live.
   */
  programFrozenSince(now: number = Date.now()): number | null {
    return this.state.phase === "live" ? programFrozenSince(this.state, now, this.settings.programFrozenMs) : null;
  }

  /** Hosts by slot (connected or inside their rejoin grace). */
  hostSlots(): HostSlot[] {
    const roster = rosterOf(this.state);
    if (!roster) return [];
    return [...roster.hosts.values()]
      .map((h) => ({ slot: h.slot, userId: h.userId, name: h.name, connected: h.peerId !== null, reconnecting: h.peerId !== null && h.mediaStalled }))
      .sort((a, b) => a.slot - b.slot);
  }

  /** Live counts. */
  counts(): ShowCounts {
    const roster = rosterOf(this.state);
    return {
      live: this.live,
      hosts: roster ? [...roster.hosts.values()].filter((h) => h.peerId !== null).length : 0,
      webrtcViewers: roster ? [...roster.viewers.values()].filter((v) => v.endpoint !== null).length : 0,
      injectedVideos: roster?.videos.size ?? 0,
    };
  }

  /**
   * Creates the MediaPipeline, Composite, program HubPort and the RTP bridge
   * (once; concurrent callers share the work; waits for a rebuild in
   * progress). Throws AppError MEDIA_SERVER_UNAVAILABLE when no media server
   * answers (nothing is left behind), EVENT_NOT_LIVE once the show ended.
   */
  async open(): Promise<void> {
    for (;;) {
      const s = this.state;
      switch (s.phase) {
        case "ending":
        case "ended":
          throw new AppError("EVENT_NOT_LIVE", "This show has ended");
        case "live":
          this.touchEmptyTimer();
          return;
        case "starting":
          await s.opening;
          break;
        case "recovering":
          await s.rebuilding;
          break;
        case "idle": {
          const opening = Promise.resolve().then(() => this.start());
          this.apply({ type: "open", opening });
          await opening;
          break;
        }
      }
    }
  }

  /** starting → live (or idle when no graph could be built; the error is rethrown as MEDIA_SERVER_UNAVAILABLE). */
  private async start(): Promise<void> {
    let graph: ShowGraph;
    try {
      graph = await this.buildGraph();
    } catch (error) {
      if (this.state.phase === "starting") this.apply({ type: "startFailed" });
      this.log.warn({ err: error, eventId: this.eventId }, "could not build the show's media graph");
      throw asUnavailable(error);
    }
    if (this.state.phase !== "starting") {
      await releaseShowGraph(graph, this.servers, this.log); // ended while building
      return;
    }
    await this.enterLive(graph);
  }

  private buildGraph(): Promise<ShowGraph> {
    return buildShowGraph({ eventId: this.eventId, nodeId: this.settings.nodeId, servers: this.servers, publisher: this.publisher });
  }

  /** starting | recovering → live with `graph`; watches its session and the program's media flow. */
  private async enterLive(graph: ShowGraph): Promise<LiveState> {
    const live = this.apply({ type: "built", graph, at: Date.now() }) as LiveState;
    graph.server.onSessionLost((reason) => {
      if (this.ctx.stillLive(graph)) void this.rebuild(reason);
    });
    this.setStatus({ status: "ok", message: "Media server connected" });
    await watchProgramFlow(live, this.log);
    return live;
  }

  private requireLive(): LiveState {
    const s = this.state;
    if (s.phase === "live") return s;
    if (s.phase === "ending" || s.phase === "ended") throw new AppError("EVENT_NOT_LIVE", "This show has ended");
    if (s.phase === "recovering") throw new AppError("MEDIA_SERVER_UNAVAILABLE", "The show is reconnecting to the media server; try again shortly");
    throw new AppError("EVENT_NOT_LIVE", "This show is not live yet");
  }

  /**
   * A host sends its camera (SDP offer) and gets the program back: opens the
   * show if needed, keeps the host's slot on rejoin, else takes the lowest
   * free one. Returns the SDP answer and the slot. Throws HOSTS_FULL,
   * EVENT_NOT_LIVE (ended), MEDIA_SERVER_UNAVAILABLE.
   */
  async publishHost(input: { peerId: string; userId: string; name: string; sdpOffer: string }): Promise<{ sdpAnswer: string; slot: number }> {
    await this.open();
    return publishHostMedia(this.ctx, input);
  }

  /**
   * A host leaves (`dropped: false`, slot freed now) or its socket dropped
   * (`dropped: true`, slot kept for the rejoin grace). Its WebRtcEndpoint is
   * disconnected and released at once; its HubPort is released after the delay.
   */
  removeHost(userId: string, peerId: string, dropped: boolean): Promise<void> {
    return removeHostMedia(this.ctx, userId, peerId, dropped);
  }

  /**
   * A viewer sends a recvonly SDP offer; a sendonly WebRtcEndpoint fed from
   * the shared program HubPort answers. Throws EVENT_NOT_LIVE before the show
   * opens, MEDIA_SERVER_UNAVAILABLE when KMS fails.
   */
  watch(input: { peerId: string; userId: string; sdpOffer: string }): Promise<{ sdpAnswer: string }> {
    return watchProgram(this.ctx, input);
  }

  /** A viewer left: its WebRtcEndpoint is released. */
  removeViewer(peerId: string): Promise<void> {
    return removeWatcher(this.ctx, peerId);
  }

  /**
   * A browser ICE candidate for the peer's endpoint. Queued while the
   * endpoint is still negotiating. At most MAX_ICE_CANDIDATES_PER_OFFER per
   * offer are taken (a browser sends a handful per interface). Throws
   * BAD_REQUEST when the peer has no offer in progress, TOO_LARGE past the bound.
   */
  addIceCandidate(peerId: string, candidate: IceCandidate): Promise<void> {
    return addPeerIceCandidate(this.ctx, peerId, candidate);
  }

  /**
   * Adds an injected video: PlayerEndpoint → its own HubPort; stopped until play. `uri` may carry
   * credentials (it goes to Kurento only). Throws EVENT_NOT_LIVE, CONFLICT (MAX_INJECTED_VIDEOS),
   * INVALID_ARGUMENT (address refused by the guard), MEDIA_SERVER_UNAVAILABLE.
   */
  addVideo(video: { id: string; uri: string }): Promise<void> {
    return addInjectedVideo(this.ctx, video);
  }

  /** Plays (`true`) or stops (`false`) a video. Throws NOT_FOUND for an unknown video. */
  setVideoPlaying(videoId: string, playing: boolean): Promise<void> {
    return setInjectedVideoPlaying(this.ctx, videoId, playing);
  }

  /** Removes a video: player disconnected and released, its HubPort released after the delay. */
  removeVideo(videoId: string): Promise<void> {
    return removeInjectedVideo(this.ctx, videoId);
  }

  /** Ends the show: stops the bridge, releases the MediaPipeline (and all its elements). Idempotent. */
  async end(reason: string): Promise<void> {
    const s = this.state;
    if (s.phase === "ending" || s.phase === "ended") return;
    this.apply({ type: "end", reason });
    if (s.phase === "starting") await s.opening.catch(() => undefined);
    if (s.phase === "live") await releaseShowGraph(s.graph, this.servers, this.log);
    this.apply({ type: "released" });
    this.observer.ended(reason);
  }

  /**
   * Rebuilds the whole graph after the media server lost our session: new
   * pipeline on a reachable server (retrying every retryMs), videos
   * re-attached, then every host and viewer is told to renegotiate. Shares
   * a rebuild in progress; does nothing unless the show is live or recovering.
   */
  rebuild(reason: string): Promise<void> {
    const s = this.state;
    if (s.phase === "recovering") return s.rebuilding;
    if (s.phase !== "live") return Promise.resolve();
    const rebuilding = Promise.resolve().then(() => this.recover(s.graph, reason));
    this.apply({ type: "sessionLost", reason, rebuilding });
    return rebuilding;
  }

  private async recover(lost: ShowGraph, reason: string): Promise<void> {
    const recovering = this.state;
    if (recovering.phase !== "recovering") return;
    this.log.warn({ eventId: this.eventId, reason }, "rebuilding show");
    this.setStatus({ status: "recovering", message: `Lost the media server (${reason}); reconnecting` });
    await abandonShowGraph(lost, this.servers);
    recovering.roster.detachMedia();
    let graph: ShowGraph | null = null;
    while (this.state === recovering && !graph) {
      try {
        graph = await this.buildGraph();
      } catch {
        this.setStatus({ status: "unavailable", message: "The media server is not reachable; retrying" });
        await recovering.timers.sleep(this.settings.retryMs);
      }
    }
    if (!graph) return;
    if (this.state !== recovering) {
      await releaseShowGraph(graph, this.servers, this.log); // ended while rebuilding
      return;
    }
    const live = await this.enterLive(graph);
    await reattachVideos(this.ctx, live.roster.videos.values(), graph);
    this.observer.renegotiate(live.roster.peerIds(), "The media server restarted; send a new offer");
    this.observer.stateChanged();
  }

  /**
   * The one way the show changes state: runs transition() (which throws
   * IllegalTransitionError for an event the state refuses) and cancels the
   * timers of what the new state no longer owns.
   */
  private apply(event: ShowEvent): ShowState {
    const prev = this.state;
    const next = transition(prev, event);
    this.state = next;
    const kept = new Set(timersOf(next));
    for (const timers of timersOf(prev)) if (!kept.has(timers)) timers.cancelAll();
    return next;
  }

  private mediaError(error: unknown): unknown {
    if (isSessionLost(error) && !this.isEnded) {
      void this.rebuild("media server lost our session");
      return new AppError("MEDIA_SERVER_UNAVAILABLE", "The media server restarted; the show is being rebuilt", { cause: error });
    }
    if (error instanceof MediaServerError && error.kmsCode !== undefined && PEER_INPUT_ERRORS[error.kmsCode]) {
      return new AppError("INVALID_ARGUMENT", PEER_INPUT_ERRORS[error.kmsCode] as string, { cause: error });
    }
    if (error instanceof MediaServerError) return new AppError("MEDIA_SERVER_UNAVAILABLE", "The media server failed to answer", { cause: error });
    return error;
  }

  /** Arms the empty-show end (emptyShowGraceMs) when no host is connected; cancels it when one is. */
  private touchEmptyTimer(): void {
    const roster = rosterOf(this.state);
    if (!roster) return;
    if (roster.anyHostConnected()) {
      roster.timers.clear(EMPTY_TIMER);
      roster.emptySince = null;
      return;
    }
    if (roster.timers.has(EMPTY_TIMER)) return;
    roster.emptySince = Date.now();
    this.armEmptyTimer(roster, this.settings.emptyShowGraceMs);
  }

  private armEmptyTimer(roster: ShowRoster, delayMs: number): void {
    roster.timers.set(EMPTY_TIMER, delayMs, () => {
      const now = Date.now();
      if (shouldEndEmptyShow(roster.emptySince, now, this.settings.emptyShowGraceMs)) void this.end("All hosts left");
      else if (roster.emptySince !== null) this.armEmptyTimer(roster, this.settings.emptyShowGraceMs - (now - roster.emptySince));
    });
  }

  private setStatus(status: MediaStatus): void {
    if (status.status === this.status.status && status.message === this.status.message) return;
    this.status = status;
    this.observer.mediaStatus(status);
  }
}
