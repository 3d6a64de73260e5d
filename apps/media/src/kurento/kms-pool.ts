/**
 * The media servers of this node (KMS_URLS). Each show is pinned to the
 * least-loaded reachable server; unreachable servers are retried in the
 * background and the pool reports "ok" / "unavailable" to listeners. With
 * no URL at all the pool is "not-configured": shows cannot have a live
 * composite on this node (encoder-fed shows still play over HLS).
 */
import { type Logger } from "pino";
import { AppError } from "@limelight/domain";
import { type MediaServer } from "../media-server";

/** Opens a MediaServer for a URL; rejects when unreachable. */
export type MediaServerConnector = (url: string) => Promise<MediaServer>;

interface Entry {
  url: string;
  server: MediaServer | null;
  connecting: Promise<MediaServer> | null;
  /** Shows pinned to this server. */
  shows: number;
  /** Why the server is not usable (last connect failure or lost session); null while connected. */
  lastError: string | null;
  /** Watchdog: when the last ping (or the connection) was answered, ms since epoch. */
  lastAnswerAt: number;
  lastPingAt: number;
  pingInFlight: boolean;
}

/** Liveness settings (ms): ping each connected KMS every `intervalMs`; no answer for `timeoutMs` marks it lost. */
export interface WatchdogSettings {
  intervalMs: number;
  timeoutMs: number;
}

/** What /health reports about the media servers. */
export interface PoolHealth {
  /** false when KMS are configured and none is usable. */
  ok: boolean;
  /** Why not ok (each unusable KMS and its last error). */
  reason?: string;
  kms: Array<{ url: string; shows: number; connected: boolean; error: string | null }>;
}

/** What hosts are told when this node has no Kurento Media Server. */
export const NOT_CONFIGURED_MESSAGE =
  "Live composite needs Kurento Media Server, and none is configured on this media node (KMS_URLS). Stream from OBS with the stream key below; viewers watch over HLS.";

/** Tag key on every MediaPipeline we create; its value is the media node id. */
export const NODE_TAG = "limelight-node";

/** Reachability of the pool as a whole; "not-configured" when KMS_URLS is empty. */
export type PoolStatus = "ok" | "unavailable" | "not-configured";

/** Several KMS, least-loaded pinning, reconnect with retry. */
export class KmsPool {
  private readonly entries: Entry[];
  private readonly statusListeners: Array<(status: PoolStatus) => void> = [];
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdogTimer: NodeJS.Timeout | null = null;
  private readonly lostListeners: Array<(url: string, reason: string) => void> = [];
  private closed = false;
  private lastStatus: PoolStatus = "ok";

  constructor(
    urls: readonly string[],
    private readonly connector: MediaServerConnector,
    private readonly options: {
      retryMs: number;
      logger: Logger;
      /** Pipelines tagged `limelight-node` = nodeId on a freshly connected server are leftovers of this node and are released. */
      nodeId?: string;
      /** Liveness pings (default: every 2 s, lost after 5 s without an answer). */
      watchdog?: WatchdogSettings;
    },
  ) {
    this.entries = urls.map((url) => ({ url, server: null, connecting: null, shows: 0, lastError: null, lastAnswerAt: 0, lastPingAt: 0, pingInFlight: false }));
    if (this.entries.length === 0) this.lastStatus = "not-configured";
    else this.startWatchdog(options.watchdog ?? { intervalMs: 2_000, timeoutMs: 5_000 });
  }

  /** Calls `listener(url, reason)` each time a connected KMS is lost (hung, restarted or disconnected). */
  onLost(listener: (url: string, reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** Health as /health reports it: not ok when KMS are configured and none is usable. */
  health(): PoolHealth {
    const kms = this.entries.map((e) => ({ url: e.url, shows: e.shows, connected: e.server !== null, error: e.server ? null : e.lastError }));
    if (this.lastStatus !== "unavailable") return { ok: true, kms };
    const reason = kms.map((k) => `${k.url}: ${k.error ?? "not connected"}`).join("; ");
    return { ok: false, reason: `No media server usable (${reason})`, kms };
  }

  /**
   * Pings every connected KMS (ServerManager.getInfo) each `intervalMs`; when
   * one has answered nothing for `timeoutMs` while a ping is pending (a hung
   * process whose socket stays open), its connection is declared lost: its
   * shows rebuild elsewhere or once it answers again.
   */
  private startWatchdog(settings: WatchdogSettings): void {
    const tickMs = Math.max(50, Math.min(250, Math.floor(settings.intervalMs / 4)));
    this.watchdogTimer = setInterval(() => {
      const now = Date.now();
      for (const entry of this.entries) {
        const server = entry.server;
        if (!server) continue;
        if (entry.pingInFlight && now - entry.lastAnswerAt > settings.timeoutMs) {
          const reason = `KMS did not answer for ${settings.timeoutMs} ms (hung?)`;
          entry.lastError = reason;
          server.declareLost(reason);
          continue;
        }
        if (entry.pingInFlight || now - entry.lastPingAt < settings.intervalMs) continue;
        entry.pingInFlight = true;
        entry.lastPingAt = now;
        server.ping(settings.timeoutMs).then(
          () => {
            if (entry.server !== server) return;
            entry.pingInFlight = false;
            entry.lastAnswerAt = Date.now();
          },
          () => {
            // A timeout is judged above (from lastAnswerAt); other failures count as no answer too.
          },
        );
      }
    }, tickMs);
    this.watchdogTimer.unref();
  }

  /** "ok" when at least one server is connected (or none was tried yet); "not-configured" without servers. */
  get status(): PoolStatus {
    return this.lastStatus;
  }

  /** Calls `listener` whenever the pool status changes. */
  onStatus(listener: (status: PoolStatus) => void): void {
    this.statusListeners.push(listener);
  }

  /** Connects every server now (at start). Never throws; failures schedule retries. */
  async warmUp(): Promise<void> {
    await Promise.all(this.entries.map((e) => this.ensure(e).catch(() => undefined)));
    this.updateStatus();
    if (this.entries.some((e) => !e.server)) this.scheduleRetry();
  }

  /**
   * Pins a new show to the least-loaded reachable server and returns it.
   * Throws AppError MEDIA_SERVER_UNAVAILABLE when no server answers, and
   * COMPOSITE_NOT_CONFIGURED when this node has no server configured.
   */
  async acquire(): Promise<MediaServer> {
    if (this.entries.length === 0) throw new AppError("COMPOSITE_NOT_CONFIGURED", NOT_CONFIGURED_MESSAGE);
    let candidates = this.entries.filter((e) => e.server);
    if (candidates.length === 0) {
      await Promise.all(this.entries.map((e) => this.ensure(e).catch(() => undefined)));
      candidates = this.entries.filter((e) => e.server);
    }
    this.updateStatus();
    const best = candidates.sort((a, b) => a.shows - b.shows)[0];
    if (!best?.server) {
      this.scheduleRetry();
      throw new AppError("MEDIA_SERVER_UNAVAILABLE", "The media server is not reachable; retrying");
    }
    best.shows += 1;
    return best.server;
  }

  /** Unpins a show from `server`. */
  releaseShow(server: MediaServer): void {
    const entry = this.entries.find((e) => e.server === server || e.url === server.url);
    if (entry && entry.shows > 0) entry.shows -= 1;
  }

  /** Number of shows pinned per URL. */
  load(): Array<{ url: string; shows: number; connected: boolean }> {
    return this.entries.map((e) => ({ url: e.url, shows: e.shows, connected: e.server !== null }));
  }

  private ensure(entry: Entry): Promise<MediaServer> {
    if (entry.server) return Promise.resolve(entry.server);
    if (entry.connecting) return entry.connecting;
    entry.connecting = this.connector(entry.url)
      .then(async (server) => {
        // Before any show uses this connection: release what an earlier run of this node left behind.
        if (this.options.nodeId) {
          const swept = await server.sweepPipelines(NODE_TAG, this.options.nodeId).catch((error: unknown) => {
            this.options.logger.warn({ kms: entry.url, err: error }, "pipeline sweep failed");
            return 0;
          });
          if (swept > 0) this.options.logger.warn({ kms: entry.url, swept }, "released leftover pipelines of this node");
        }
        entry.server = server;
        entry.lastError = null;
        entry.lastAnswerAt = Date.now();
        entry.lastPingAt = Date.now();
        entry.pingInFlight = false;
        server.onSessionLost((reason) => {
          if (entry.server !== server) return;
          entry.server = null;
          entry.shows = 0;
          entry.lastError = reason;
          for (const listener of this.lostListeners) listener(entry.url, reason);
          this.options.logger.warn({ kms: entry.url, reason }, "KMS lost; reconnecting");
          server.close().catch(() => undefined);
          this.updateStatus();
          this.scheduleRetry(0);
        });
        this.options.logger.info({ kms: entry.url }, "KMS connected");
        return server;
      })
      .catch((error: unknown) => {
        entry.lastError = error instanceof Error ? error.message : String(error);
        this.options.logger.warn({ kms: entry.url, err: error }, "KMS unreachable");
        throw error;
      })
      .finally(() => {
        entry.connecting = null;
      });
    return entry.connecting;
  }

  private scheduleRetry(delay = this.options.retryMs): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      const down = this.entries.filter((e) => !e.server);
      Promise.all(down.map((e) => this.ensure(e).catch(() => undefined))).then(() => {
        this.updateStatus();
        if (this.entries.some((e) => !e.server)) this.scheduleRetry();
      }, () => undefined);
    }, delay);
    this.retryTimer.unref();
  }

  private updateStatus(): void {
    if (this.entries.length === 0) return;
    const status: PoolStatus = this.entries.some((e) => e.server) ? "ok" : "unavailable";
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }

  /** Closes every connection and stops retrying. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdogTimer) clearInterval(this.watchdogTimer);
    await Promise.all(this.entries.map((e) => e.server?.close()));
    for (const e of this.entries) e.server = null;
  }
}
