/**
 * Plays one show's HLS with hls.js and keeps it playing: renews the signed
 * URL before it expires (no 410 mid-show), fails over to another edge on a
 * fatal network error (but waits on the same edge on a 404: the edge is fine,
 * the stream is not on the origin yet, e.g. an encoder just started), recovers media errors, and reports how far behind
 * live the viewer is. Framework-free; HlsPlayer.tsx wires it to React.
 *
 * hls.js API and error handling: https://github.com/video-dev/hls.js/blob/master/docs/API.md
 */
import Hls, { type ErrorData, type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext } from "hls.js";
import { BEHIND_LIVE_THRESHOLD_SECONDS, LOW_LATENCY_HLS_CONFIG } from "./hls-config";
import { signedPrefixOf, withSignedPrefix, type HlsSource } from "./signed-source";

/** What the player shows. */
export interface HlsPlaybackState {
  /** loading: first load; playing; recovering: after an error, retrying; failed: gave up (call retry()). */
  status: "loading" | "playing" | "recovering" | "failed";
  /** Seconds behind the live edge per hls.js (null before playback or on native HLS). */
  behindLiveSeconds: number | null;
  /** True when behindLiveSeconds exceeds BEHIND_LIVE_THRESHOLD_SECONDS. */
  behindLive: boolean;
  /** Host of the edge in use. */
  edge: string;
  /** Count of URL renewals and edge failovers so far. */
  renewals: number;
  failovers: number;
  /** Human-readable reason when recovering or failed. */
  message: string | null;
}

/** Options of an HlsController. */
export interface HlsControllerOptions {
  video: HTMLVideoElement;
  /** First signed source (from the routing endpoint). */
  source: HlsSource;
  /** Gets a fresh signed source for the same show (same path: HLS). Rejects on failure. */
  renew: () => Promise<HlsSource>;
  /** Called on every state change. */
  onState: (state: HlsPlaybackState) => void;
  /** Renew this long (ms) before expiry; default min(60 s, a third of the remaining lifetime). */
  renewBeforeMs?: number;
  /** Extra hls.js settings merged over LOW_LATENCY_HLS_CONFIG. */
  hlsConfig?: Partial<HlsConfig>;
}

const MAX_CONSECUTIVE_FAILURES = 8;

/** Controls one video element's HLS playback (see the file header). Call destroy() when done. */
export class HlsController {
  private hls: Hls | null = null;
  private prefixes: string[] = [];
  private current = 0;
  private source: HlsSource;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private renewing: Promise<void> | null = null;
  private failures = 0;
  private lastMediaRecovery = 0;
  private destroyed = false;
  private state: HlsPlaybackState;

  constructor(private readonly options: HlsControllerOptions) {
    this.source = options.source;
    this.state = { status: "loading", behindLiveSeconds: null, behindLive: false, edge: "", renewals: 0, failovers: 0, message: null };
    this.useSource(options.source);
    this.start();
  }

  /** The URL a request should go to now (the signed prefix of the current edge and token). */
  rewrite(url: string): string {
    const prefix = this.prefixes[this.current];
    return prefix ? withSignedPrefix(url, prefix) : url;
  }

  /** Jumps to the live edge. */
  goLive(): void {
    const position = this.hls?.liveSyncPosition;
    if (position != null) this.options.video.currentTime = position;
    void this.options.video.play().catch(() => undefined);
  }

  /** Starts again after "failed" (fresh source first). */
  retry(): void {
    this.failures = 0;
    this.set({ status: "recovering", message: "Reconnecting…" });
    void this.renewNow().then(() => this.reload());
  }

  /** Stops playback, timers and hls.js. */
  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.renewTimer);
    clearInterval(this.pollTimer);
    this.hls?.destroy();
    this.hls = null;
  }

  private set(patch: Partial<HlsPlaybackState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onState(this.state);
  }

  private useSource(source: HlsSource): void {
    this.source = source;
    this.prefixes = [source.url, ...source.edges].map(signedPrefixOf).filter((p): p is string => p !== null);
    // Stay on the edge in use when the fresh source still lists it (after a failover, do not go back to a dead edge).
    const keep = this.prefixes.findIndex((p) => hostOf(p) === this.state.edge);
    this.current = keep >= 0 ? keep : 0;
    this.set({ edge: hostOf(this.prefixes[this.current] ?? source.url) });
    this.scheduleRenewal();
  }

  private scheduleRenewal(): void {
    clearTimeout(this.renewTimer);
    const remaining = this.source.expiresAt - Date.now();
    const before = this.options.renewBeforeMs ?? Math.min(60_000, remaining / 3);
    this.renewTimer = setTimeout(() => void this.renewNow(), Math.max(1_000, remaining - before));
  }

  private renewNow(): Promise<void> {
    if (this.renewing) return this.renewing;
    this.renewing = this.options
      .renew()
      .then(
        (source) => {
          if (this.destroyed) return;
          this.useSource(source);
          this.set({ renewals: this.state.renewals + 1 });
        },
        () => {
          // Try again soon; the old URL may still be valid for a while.
          if (!this.destroyed) this.renewTimer = setTimeout(() => void this.renewNow(), 3_000);
        },
      )
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  private start(): void {
    const { video } = this.options;
    if (!Hls.isSupported()) {
      // Safari/iOS: native HLS; renewal swaps the src.
      if (video.canPlayType("application/vnd.apple.mpegurl")) {
        video.src = this.rewrite(this.source.url);
        video.addEventListener("playing", () => this.set({ status: "playing", message: null }));
        void video.play().catch(() => undefined);
      } else {
        this.set({ status: "failed", message: "This browser cannot play HLS." });
      }
      return;
    }
    this.createHls();
    this.pollTimer = setInterval(() => this.pollLatency(), 1_000);
  }

  private createHls(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const controller = this;
    const Base = Hls.DefaultConfig.loader;
    class SignedPrefixLoader extends Base implements Loader<LoaderContext> {
      override load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
        context.url = controller.rewrite(context.url);
        super.load(context, config, callbacks);
      }
    }
    const hls = new Hls({ ...mergeHlsConfig(LOW_LATENCY_HLS_CONFIG, this.options.hlsConfig ?? {}), loader: SignedPrefixLoader });
    this.hls = hls;
    hls.on(Hls.Events.ERROR, (_event, data) => this.onError(data));
    hls.on(Hls.Events.FRAG_BUFFERED, () => {
      this.failures = 0;
      if (this.state.status !== "playing") this.set({ status: "playing", message: null });
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      void this.options.video.play().catch(() => {
        // Autoplay with sound was refused: play muted, the viewer can unmute.
        this.options.video.muted = true;
        void this.options.video.play().catch(() => undefined);
      });
    });
    hls.attachMedia(this.options.video);
    hls.loadSource(this.rewrite(this.source.url));
  }

  private onError(data: ErrorData): void {
    const code = data.response?.code;
    if (code === 410) void this.renewNow();
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      const now = Date.now();
      if (now - this.lastMediaRecovery < 3_000) this.hls?.swapAudioCodec();
      this.lastMediaRecovery = now;
      this.set({ status: "recovering", message: "Recovering the video…" });
      this.hls?.recoverMediaError();
      return;
    }
    this.failures += 1;
    if (this.failures > MAX_CONSECUTIVE_FAILURES) {
      this.set({ status: "failed", message: "The stream is unreachable." });
      return;
    }
    if (code === 404) {
      // The edge answered: the stream is not (yet) on the origin, and every edge would say the same. Wait here.
      this.set({ status: "recovering", message: "Waiting for the stream…" });
      setTimeout(() => this.reload(), Math.min(4_000, 500 * this.failures));
      return;
    }
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && code !== 410 && this.current + 1 < this.prefixes.length) {
      this.current += 1;
      this.set({ status: "recovering", failovers: this.state.failovers + 1, edge: hostOf(this.prefixes[this.current] ?? ""), message: "Switching to another server…" });
      this.reload();
      return;
    }
    // Out of alternatives (or expired): ask for a fresh route, then load again after a short backoff.
    this.set({ status: "recovering", message: "Reconnecting…" });
    const delay = Math.min(8_000, 500 * 2 ** (this.failures - 1));
    void this.renewNow().then(() => setTimeout(() => this.reload(), delay));
  }

  private reload(): void {
    if (this.destroyed) return;
    const hls = this.hls;
    if (!hls || hls.levels.length === 0) {
      hls?.destroy();
      this.createHls();
      return;
    }
    hls.startLoad(-1);
  }

  private pollLatency(): void {
    const hls = this.hls;
    if (!hls || this.options.video.paused) return;
    const latency = hls.latency;
    if (!Number.isFinite(latency) || latency <= 0) return;
    const rounded = Math.round(latency * 10) / 10;
    const behindLive = rounded > BEHIND_LIVE_THRESHOLD_SECONDS;
    if (rounded !== this.state.behindLiveSeconds || behindLive !== this.state.behindLive) this.set({ behindLiveSeconds: rounded, behindLive });
  }
}

/**
 * Merges hls.js settings; overrides given in seconds (liveSyncDuration /
 * liveMaxLatencyDuration) replace the base's fragment counts, which hls.js
 * refuses to see mixed.
 */
export function mergeHlsConfig(base: Partial<HlsConfig>, overrides: Partial<HlsConfig>): Partial<HlsConfig> {
  const merged: Partial<HlsConfig> = { ...base, ...overrides };
  if (overrides.liveSyncDuration !== undefined || overrides.liveMaxLatencyDuration !== undefined) {
    delete merged.liveSyncDurationCount;
    delete merged.liveMaxLatencyDurationCount;
  }
  return merged;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
