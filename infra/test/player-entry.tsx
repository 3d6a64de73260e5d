/**
 * Browser entry of the test/bench player page: renders the watch page's real
 * HlsPlayer (apps/web/src/components/hls) with the source the page server
 * injected, renews through the page server's /renew, and records what a
 * viewer would notice into `window.__player`: playback states, stalls, and
 * (when a barcode base is given) glass-to-glass latencies read from frames.
 */
import { createRoot } from "react-dom/client";
import type { HlsConfig } from "hls.js";
import { HlsPlayer } from "../../apps/web/src/components/hls/HlsPlayer";
import type { HlsSource } from "../../apps/web/src/components/hls/signed-source";
import { BARCODE_HEIGHT, decodeBarcode } from "./barcode";
import type { PlayerRecord } from "./player-record";

interface PageConfig {
  source: HlsSource;
  barcodeBaseMs: number | null;
  hlsConfig: Partial<HlsConfig> | null;
}

declare global {
  interface Window {
    __config: PageConfig;
  }
}

const record: PlayerRecord = { states: [], stalls: 0, playing: false, latenciesMs: [], renewals: 0 };
window.__player = record;
const config = window.__config;

async function renew(): Promise<HlsSource> {
  const response = await fetch("/renew", { method: "POST" });
  if (!response.ok) throw new Error(`renew failed: ${response.status}`);
  record.renewals += 1;
  return (await response.json()) as HlsSource;
}

function measure(video: HTMLVideoElement, baseMs: number): void {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const onFrame = () => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (context && width > 0 && height > 0) {
      canvas.width = width;
      canvas.height = 1;
      const y = Math.floor(((BARCODE_HEIGHT / 2) * height) / 360);
      context.drawImage(video, 0, y, width, 1, 0, 0, width, 1);
      const frameMs = decodeBarcode(context.getImageData(0, 0, width, 1).data, width);
      const latency = Date.now() - (baseMs + frameMs);
      if (latency > -500 && latency < 60_000) record.latenciesMs.push(latency);
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

function watchVideo(): void {
  const video = document.querySelector("video");
  if (!video) {
    requestAnimationFrame(watchVideo);
    return;
  }
  video.muted = true;
  video.addEventListener("playing", () => {
    record.playing = true;
  });
  // A stall: playback waits for data. Waiting while seeking (a jump back to live) is not one.
  video.addEventListener("waiting", () => {
    if (record.playing && !video.seeking) record.stalls += 1;
  });
  if (config.barcodeBaseMs !== null) measure(video, config.barcodeBaseMs);
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <HlsPlayer
      url={config.source.url}
      expiresAt={config.source.expiresAt}
      edges={config.source.edges}
      renew={renew}
      onStateChange={(state) => record.states.push(state)}
      hlsConfig={config.hlsConfig ?? undefined}
    />,
  );
  watchVideo();
}
