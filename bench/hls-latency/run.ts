/**
 * Glass-to-glass latency of the HLS overflow path through an edge, read from
 * the clock burned into the frames (not from hls.latency): real nginx-rtmp
 * origin, real edge, ffmpeg publishing a 640x360 30 fps source, Chromium
 * playing the watch page's HlsPlayer (hls.js with LOW_LATENCY_HLS_CONFIG).
 *
 *   npx tsx bench/hls-latency/run.ts
 *
 * Environment: BENCH_SECONDS (60) measured seconds after BENCH_WARMUP_SECONDS (8);
 * BENCH_LADDER ("src,240p:300"; "default" = src + 480p + 360p);
 * BENCH_HLS_CONFIG (JSON merged over the player's hls.js settings).
 */
import { launchChromium, waitFor } from "@limelight/testkit";
import { signEdgeUrl } from "../../packages/edge-token/src/index";
import { LOW_LATENCY_HLS_CONFIG } from "../../apps/web/src/components/hls/hls-config";
import { mergeHlsConfig } from "../../apps/web/src/components/hls/hls-controller";
import { DEFAULT_RENDITIONS, parseRenditions } from "../../infra/nginx/renditions";
import { publishTestSource, startEdge, startOrigin } from "../../infra/test/stack";
import type {} from "../../infra/test/player-record";
import { startPlayerPage } from "../../infra/test/player-page";

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);
const ladderText = process.env.BENCH_LADDER ?? "src,240p:300";
const renditions = ladderText === "default" ? DEFAULT_RENDITIONS : parseRenditions(ladderText);
const hlsOverrides = process.env.BENCH_HLS_CONFIG ? (JSON.parse(process.env.BENCH_HLS_CONFIG) as Record<string, unknown>) : {};
const secret = "bench-hls-latency-secret-0123456789abcdef";
const stream = "latencybench";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const origin = await startOrigin({ renditions });
  const edge = await startEdge({ origin: origin.httpAddress, secret });
  const publisher = publishTestSource(`${origin.ingestUrl}/${stream}`);
  const sign = () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 300;
    return { url: signEdgeUrl(edge.baseUrl, { streamId: stream, viewerId: "bench", expiresAt }, secret), expiresAt: expiresAt * 1000, edges: [] };
  };
  const page = await startPlayerPage({ source: sign(), renew: sign, barcodeBaseMs: publisher.baseMs, hlsConfig: hlsOverrides });
  const browser = await launchChromium();
  try {
    await waitFor(async () => (await fetch(sign().url.replace(`${stream}.m3u8`, `${stream}_src/index.m3u8`))).ok, 30_000, 250, "first playlist");
    const tab = await browser.newPage();
    await tab.goto(page.url);
    await waitFor(() => tab.evaluate(() => window.__player.playing), 30_000, 200, "playback");
    await tab.waitForTimeout(warmup * 1000);
    await tab.evaluate(() => {
      window.__player.latenciesMs = [];
      window.__player.stalls = 0;
      window.__player.states = [];
    });
    await tab.waitForTimeout(seconds * 1000);
    const result = await tab.evaluate(() => ({
      latencies: window.__player.latenciesMs,
      stalls: window.__player.stalls,
      hlsLatency: window.__player.states.map((s) => s.behindLiveSeconds).filter((v): v is number => v !== null),
    }));
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const hlsSorted = [...result.hlsLatency].sort((a, b) => a - b);
    const settings = mergeHlsConfig(LOW_LATENCY_HLS_CONFIG, hlsOverrides);
    console.log("\nHLS glass-to-glass latency through one edge (burned-in clock)");
    console.table({
      "measured s": seconds,
      "frames read": sorted.length,
      "p50 ms": Math.round(percentile(sorted, 50)),
      "p95 ms": Math.round(percentile(sorted, 95)),
      "min ms": Math.round(sorted[0] ?? Number.NaN),
      "max ms": Math.round(sorted.at(-1) ?? Number.NaN),
      stalls: result.stalls,
      "stalls per 10 min": Math.round((result.stalls * 600 * 10) / seconds) / 10,
      "hls.latency p50 ms": Math.round(percentile(hlsSorted, 50) * 1000),
    });
    console.log(
      `settings: fragment 1 s, playlist 6 s, ladder ${renditions.map((r) => r.name).join("+")}, ` +
        `hls.js ${JSON.stringify({ lowLatencyMode: settings.lowLatencyMode, liveSyncDurationCount: settings.liveSyncDurationCount, liveMaxLatencyDurationCount: settings.liveMaxLatencyDurationCount, liveSyncDuration: settings.liveSyncDuration, liveMaxLatencyDuration: settings.liveMaxLatencyDuration, maxLiveSyncPlaybackRate: settings.maxLiveSyncPlaybackRate, liveSyncOnStallIncrease: settings.liveSyncOnStallIncrease })}`,
    );
  } finally {
    await browser.close();
    await page.stop();
    await publisher.stop();
    await edge.stop();
    await origin.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
