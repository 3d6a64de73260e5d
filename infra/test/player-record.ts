/**
 * What the test/bench player page records in `window.__player` (see
 * player-entry.tsx), readable from Playwright with `page.evaluate`.
 */
import type { HlsPlaybackState } from "../../apps/web/src/components/hls/hls-controller";

/** The page's record of what a viewer would notice. Latencies in ms. */
export interface PlayerRecord {
  /** Every playback state the HlsPlayer reported, in order. */
  states: HlsPlaybackState[];
  /** `waiting` events after playback started, seeks excluded. */
  stalls: number;
  /** True once the video played. */
  playing: boolean;
  /** Glass-to-glass latency per presented frame, from the burned-in clock. */
  latenciesMs: number[];
  /** Completed calls of the renew callback. */
  renewals: number;
}

declare global {
  interface Window {
    __player: PlayerRecord;
  }
}
