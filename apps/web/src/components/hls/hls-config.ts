/**
 * hls.js settings of the watch page's HLS player, shared with
 * bench/hls-latency so the bench measures what viewers get.
 *
 * nginx-rtmp makes 1 s fragments and no LL-HLS parts; latency comes from
 * holding the live edge close: start `liveSyncDurationCount` fragments behind
 * the end of the playlist, seek forward past `liveMaxLatencyDurationCount`,
 * and play up to `maxLiveSyncPlaybackRate` × to catch up. hls.js 1.7 only
 * adjusts the playback rate when `lowLatencyMode` is on (latency-controller),
 * so it is on even without parts: off, the player drifted to about 2.8 s
 * glass-to-glass; on, 1.7–1.9 s p50 in one-minute runs and 2.1–2.6 s over
 * five minutes on a loaded 2-core box, where each stall moves the target
 * back by `liveSyncOnStallIncrease` (bench/hls-latency).
 * Options: https://github.com/video-dev/hls.js/blob/master/docs/API.md
 */
import type { HlsConfig } from "hls.js";

/** Low-latency live settings (units: fragments, seconds, playback rate). */
export const LOW_LATENCY_HLS_CONFIG: Partial<HlsConfig> = {
  lowLatencyMode: true,
  liveSyncDurationCount: 1,
  liveMaxLatencyDurationCount: 3,
  maxLiveSyncPlaybackRate: 1.2,
  // After a stall hls.js moves the target back by this much (default 1 s, capped at one fragment).
  liveSyncOnStallIncrease: 0.5,
  liveDurationInfinity: true,
  backBufferLength: 10,
  maxBufferLength: 8,
  maxMaxBufferLength: 10,
  startFragPrefetch: true,
  enableWorker: true,
  manifestLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 4_000,
      maxLoadTimeMs: 8_000,
      timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 2, retryDelayMs: 500, maxRetryDelayMs: 2_000 },
    },
  },
  playlistLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 3_000,
      maxLoadTimeMs: 5_000,
      timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 3, retryDelayMs: 300, maxRetryDelayMs: 1_000 },
    },
  },
  fragLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 3_000,
      maxLoadTimeMs: 6_000,
      timeoutRetry: { maxNumRetry: 3, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 3, retryDelayMs: 300, maxRetryDelayMs: 1_000 },
    },
  },
};

/** How far behind the live edge (s) the player may drift before the indicator says "behind live". */
export const BEHIND_LIVE_THRESHOLD_SECONDS = 4;
