/**
 * The live shows of this media node, by event id. Creates a LiveShow on
 * first use, pins it to a media server through the pool, and turns its
 * observer callbacks into socket.io emits and Event/InjectedVideo updates.
 */
import { type Logger } from "pino";
import { type Db } from "@limelight/db";
import { type MediaStatus, type ShowState } from "@limelight/contracts";
import { type ProgramPublisher } from "../program/program-publisher";
import { hostsRoom, type MediaIo, peerRoom, showRoom } from "../socket/rooms";
import { LiveShow } from "./live-show";
import { type MediaServerSource, type ShowCounts, type ShowSettings } from "./show-types";
import { listVideos, markVideoState } from "../videos/video-records";
import { type ShowOwnership } from "./show-ownership";
import { markEventEnded, markEventLive } from "./event-status";
import { NOT_CONFIGURED_MESSAGE, type PoolStatus } from "../kurento/kms-pool";

/** Stats of one show as the internal API and metrics report them. */
export interface ShowStats extends ShowCounts {
  eventId: string;
}

/**
 * Fan-out budget of show:state to a show's audience: the interval between
 * broadcasts grows by this many ms per socket in the show's room on this
 * node (≈ 1,000 packets/s per show however large the audience), up to
 * MAX_AUDIENCE_STATE_INTERVAL_MS. Hosts keep the base interval.
 */
export const AUDIENCE_STATE_MS_PER_SOCKET = 1;
/** Longest interval between show:state broadcasts to a show's audience, ms. */
export const MAX_AUDIENCE_STATE_INTERVAL_MS = 2_000;

/** A live show whose program has not moved: `frozenSince` ms since epoch, `frozenForMs` ms. */
export interface FrozenProgram {
  eventId: string;
  frozenSince: number;
  frozenForMs: number;
}

/** The shows of this node. */
export class ShowRegistry {
  private readonly shows = new Map<string, LiveShow>();
  private readonly stateTimers = new Map<string, NodeJS.Timeout>();
  private readonly hostStateTimers = new Map<string, NodeJS.Timeout>();
  /** show:state being computed per show, shared by the host and audience broadcasts that fire together. */
  private readonly stateReads = new Map<string, Promise<ShowState>>();
  private readonly endedListeners: Array<(eventId: string) => void> = [];
  private readonly openedListeners: Array<(eventId: string) => void> = [];
  /** Bookkeeping of ended shows still in flight (DB update, show:ended broadcast). */
  private readonly endings = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: {
      io: MediaIo;
      db: Db;
      servers: MediaServerSource & { status: PoolStatus };
      /** Which node may build a show's graph (Redis lease with several nodes). */
      ownership: ShowOwnership;
      publisher: ProgramPublisher | null;
      settings: ShowSettings;
      logger: Logger;
      /** Throttle of show:state broadcasts (ms). */
      stateThrottleMs?: number;
      /** HLS viewers per show as the edges report them (0 for every show when absent). */
      hlsViewers?: { current(eventId: string): number };
    },
  ) {}

  /** The show of `eventId` if this node has it and it has not ended. */
  get(eventId: string): LiveShow | undefined {
    const show = this.shows.get(eventId);
    return show && !show.isEnded ? show : undefined;
  }

  /** All shows of this node that are not ended. */
  all(): LiveShow[] {
    return [...this.shows.values()].filter((s) => !s.isEnded);
  }

  /** Calls `listener(eventId)` when a show ends. */
  onEnded(listener: (eventId: string) => void): void {
    this.endedListeners.push(listener);
  }

  /** Calls `listener(eventId)` when a show's graph is first built. */
  onOpened(listener: (eventId: string) => void): void {
    this.openedListeners.push(listener);
  }

  /**
   * The show of `eventId`, opened (MediaPipeline + Composite + bridge) and the
   * Event marked live. Throws MEDIA_SERVER_UNAVAILABLE when no KMS answers,
   * CONFLICT when another media node owns the show.
   */
  async open(eventId: string): Promise<LiveShow> {
    let show = this.get(eventId);
    if (!show) {
      await this.deps.ownership.claim(eventId);
      show = this.get(eventId);
      if (!show) {
        show = this.create(eventId);
        this.shows.set(eventId, show);
      }
    }
    const wasLive = show.live;
    try {
      await show.open();
    } catch (error) {
      if (!show.live && this.shows.get(eventId) === show) {
        this.shows.delete(eventId);
        await this.deps.ownership.release(eventId);
      }
      throw error;
    }
    if (!wasLive) {
      await markEventLive(this.deps.db, eventId);
      for (const l of this.openedListeners) l(eventId);
      this.scheduleState(eventId);
    }
    return show;
  }

  /**
   * Current state of a show for clients. Without a graph on this node the
   * show is live when its Event is (fed from an encoder through the origin).
   */
  async state(eventId: string): Promise<ShowState> {
    const show = this.get(eventId);
    const videos = show ? await listVideos(this.deps.db, eventId) : [];
    const counts = show?.counts();
    const encoderLive = show ? false : (await this.deps.db.event.findUnique({ where: { id: eventId }, select: { status: true } }))?.status === "live";
    const live = counts?.live ?? encoderLive;
    return {
      eventId,
      live,
      source: counts?.live ? "studio" : encoderLive ? "encoder" : null,
      hosts: show?.hostSlots() ?? [],
      webrtcViewers: counts?.webrtcViewers ?? 0,
      hlsViewers: this.deps.hlsViewers?.current(eventId) ?? 0,
      injectedVideos: videos,
      media: show?.mediaStatus ?? poolStatus(this.deps.servers.status),
    };
  }

  /**
   * Ends a show that has no graph on this node (fed from an encoder, or left
   * "live" by a node that died): Event live → ended, then announceEnded.
   * Returns false when the Event was not live.
   */
  async endWithoutGraph(eventId: string, reason: string): Promise<boolean> {
    if (!(await markEventEnded(this.deps.db, eventId))) return false;
    this.announceEnded(eventId, reason);
    return true;
  }

  /** Tells the show's room that it ended (show:ended) and calls the onEnded listeners. */
  announceEnded(eventId: string, reason: string): void {
    this.deps.io.to(showRoom(eventId)).emit("show:ended", { eventId, reason });
    for (const l of this.endedListeners) l(eventId);
  }

  /** Stats of one show (zeros when not live here). */
  stats(eventId: string): ShowStats {
    const show = this.get(eventId);
    const c = show?.counts() ?? { live: false, hosts: 0, webrtcViewers: 0, injectedVideos: 0 };
    return { eventId, ...c };
  }

  /**
   * Live shows of this node whose program is frozen at `now` (no video
   * flowing out of the program HubPort for programFrozenMs while it has a
   * source): event id, since when (ms since epoch) and for how long (ms).
   */
  frozenPrograms(now: number = Date.now()): FrozenProgram[] {
    return this.all().flatMap((show) => {
      const since = show.programFrozenSince(now);
      return since === null ? [] : [{ eventId: show.eventId, frozenSince: since, frozenForMs: now - since }];
    });
  }

  /** Stats of every show on this node. */
  allStats(): ShowStats[] {
    return this.all().map((s) => this.stats(s.eventId));
  }

  /** Ends every show and waits until their endings are recorded and announced (shutdown). */
  async endAll(reason: string): Promise<void> {
    await Promise.all(this.all().map((s) => s.end(reason)));
    await Promise.all([...this.endings]);
    for (const timers of [this.stateTimers, this.hostStateTimers]) {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    }
  }

  /**
   * Broadcasts show:state soon (throttled): to the show's hosts every
   * stateThrottleMs (250 ms) at most, to the rest of its room at an interval
   * that grows with the audience (AUDIENCE_STATE_MS_PER_SOCKET, up to
   * MAX_AUDIENCE_STATE_INTERVAL_MS) so a large show's fan-out stays bounded.
   */
  scheduleState(eventId: string): void {
    const { io } = this.deps;
    const base = this.deps.stateThrottleMs ?? 250;
    this.throttle(this.hostStateTimers, eventId, base, () => io.to(hostsRoom(eventId)));
    const audience = io.sockets.adapter.rooms.get(showRoom(eventId))?.size ?? 0;
    const interval = Math.max(base, Math.min(MAX_AUDIENCE_STATE_INTERVAL_MS, audience * AUDIENCE_STATE_MS_PER_SOCKET));
    this.throttle(this.stateTimers, eventId, interval, () => io.to(showRoom(eventId)).except(hostsRoom(eventId)));
  }

  private sharedState(eventId: string): Promise<ShowState> {
    let read = this.stateReads.get(eventId);
    if (!read) {
      read = this.state(eventId).finally(() => this.stateReads.delete(eventId));
      this.stateReads.set(eventId, read);
    }
    return read;
  }

  private throttle(timers: Map<string, NodeJS.Timeout>, eventId: string, delayMs: number, target: () => { emit(event: "show:state", state: ShowState): unknown }): void {
    if (timers.has(eventId)) return;
    const timer = setTimeout(() => {
      timers.delete(eventId);
      this.sharedState(eventId).then(
        (state) => target().emit("show:state", state),
        (error: unknown) => this.deps.logger.warn({ err: error }, "show state broadcast failed"),
      );
    }, delayMs);
    timer.unref();
    timers.set(eventId, timer);
  }

  private create(eventId: string): LiveShow {
    const { io, db, logger } = this.deps;
    const log = logger.child({ eventId });
    const show: LiveShow = new LiveShow(
      eventId,
      this.deps.servers,
      this.deps.publisher,
      this.deps.settings,
      {
        stateChanged: () => this.scheduleState(eventId),
        candidate: (peerId, candidate) => io.to(peerRoom(peerId)).emit("ice:candidate", { candidate }),
        renegotiate: (peerIds, reason) => {
          if (peerIds.length) io.to(peerIds.map(peerRoom)).emit("renegotiate", { reason });
        },
        takenOver: (peerId) => {
          io.to(peerRoom(peerId)).emit("session:taken-over", { message: "You went live from another device" });
          io.in(peerRoom(peerId)).disconnectSockets(true);
        },
        mediaStatus: (status: MediaStatus) => {
          io.to(showRoom(eventId)).emit("media:status", status);
          if (status.status === "recovering") io.to(showRoom(eventId)).emit("show:recovering", { eventId, reason: status.message });
          this.scheduleState(eventId);
        },
        videoEnded: (videoId) => {
          markVideoState(db, eventId, videoId, "ended").then(
            (video) => {
              if (video) io.to(showRoom(eventId)).emit("video:state", video);
            },
            (error: unknown) => log.warn({ err: error }, "could not record EndOfStream"),
          );
        },
        ended: (reason) => {
          if (this.shows.get(eventId) === show) this.shows.delete(eventId);
          const done = this.deps.ownership
            .release(eventId)
            .then(() => markEventEnded(db, eventId))
            .catch((error: unknown) => log.warn({ err: error }, "could not mark the event ended"))
            .finally(() => this.announceEnded(eventId, reason));
          this.endings.add(done);
          void done.finally(() => this.endings.delete(done));
        },
      },
      log,
    );
    return show;
  }
}

/** The MediaStatus clients see for a pool status. */
export function poolStatus(status: PoolStatus): MediaStatus {
  if (status === "not-configured") return { status: "not-configured", message: NOT_CONFIGURED_MESSAGE };
  return status === "ok" ? { status: "ok", message: "Media server connected" } : { status: "unavailable", message: "The media server is not reachable; retrying" };
}
