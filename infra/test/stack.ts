/**
 * Test and bench support: runs a real origin (nginx + RTMP module) and real
 * edges (nginx caching proxies) from the templates in infra/nginx, as an
 * unprivileged user (nobody when the caller is root), on free ports, each in
 * its own temporary state folder; and an ffmpeg publisher whose frames carry
 * the wall clock as a barcode (see barcode.ts).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, spawnLogged, waitFor, type Spawned } from "@limelight/testkit";
import { edgePaths, renderEdgeConfig, renderViewerCounterScript } from "../nginx/render-edge";
import { renderOriginConfig } from "../nginx/render-origin";
import { renderReplayBuildScript, renderReplayCleanupScript, replayPaths } from "../nginx/render-replay-script";
import { renderMediaLbConfig } from "../nginx/render-media-lb";
import type { Rendition } from "../nginx/renditions";
import { barcodeFilter } from "./barcode";

const RUN_AS = "nobody";

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Spawns `cmd args` as the unprivileged user (setpriv when root). */
function spawnUnprivileged(cmd: string, args: string[]): Spawned {
  if (!isRoot()) return spawnLogged(cmd, args);
  return spawnLogged("setpriv", [`--reuid=${RUN_AS}`, "--regid=nogroup", "--clear-groups", "--", cmd, ...args]);
}

function newStateDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `limelight-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

function handOver(dir: string): void {
  if (isRoot()) execFileSync("chown", ["-R", `${RUN_AS}:nogroup`, dir]);
}

async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url);
  return response.ok;
}

/** A running nginx with its state folder. */
export interface RunningNginx {
  stateDir: string;
  /** nginx's stdout+stderr and error.log tail (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

/** A running origin. */
export interface RunningOrigin extends RunningNginx {
  rtmpPort: number;
  httpPort: number;
  /** RTMP ingest application URL: publish to `${ingestUrl}/<eventId>`. */
  ingestUrl: string;
  /** `host:port` for edges. */
  httpAddress: string;
  /** The origin's HTTP access log (one line per request an edge made). */
  accessLog: string;
}

function startNginx(stateDir: string, conf: string): RunningNginx {
  writeFileSync(join(stateDir, "nginx.conf"), conf);
  handOver(stateDir);
  const child = spawnUnprivileged("nginx", ["-p", stateDir, "-e", join(stateDir, "logs", "error.log"), "-c", join(stateDir, "nginx.conf"), "-g", "daemon off;"]);
  const errorLog = () => {
    try {
      return execFileSync("tail", ["-n", "30", join(stateDir, "logs", "error.log")], { stdio: ["ignore", "pipe", "ignore"] }).toString();
    } catch {
      return "";
    }
  };
  return {
    stateDir,
    output: () => `${child.output()}\n${errorLog()}`,
    stop: async () => {
      await child.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts an origin on free ports. `onPublishUrl` absent: publishing allowed
 * from 127.0.0.1 without a check. `record` (default false here, so suites
 * that do not need replays spend no CPU on them): record shows and build
 * their replays (render-replay-script.ts) with `replaySegmentSeconds`
 * (default 4) segments.
 */
export async function startOrigin(
  options: { renditions?: readonly Rendition[]; onPublishUrl?: string; onPublishDoneUrl?: string; record?: boolean; replaySegmentSeconds?: number } = {},
): Promise<RunningOrigin> {
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  const stateDir = newStateDir("origin");
  const record = options.record ?? false;
  for (const sub of ["hls", "logs", "tmp", "recordings", "replays"]) mkdirSync(join(stateDir, sub), { recursive: true });
  if (record) {
    const scriptParams = { stateDir, segmentSeconds: options.replaySegmentSeconds };
    const paths = replayPaths(stateDir);
    writeFileSync(paths.buildScript, renderReplayBuildScript(scriptParams), { mode: 0o755 });
    writeFileSync(paths.cleanupScript, renderReplayCleanupScript(scriptParams), { mode: 0o755 });
  }
  const conf = renderOriginConfig({ rtmpPort, httpPort, listenAddress: "127.0.0.1", stateDir, renditions: options.renditions, onPublishUrl: options.onPublishUrl, onPublishDoneUrl: options.onPublishDoneUrl, record });
  const nginx = startNginx(stateDir, conf);
  await waitFor(() => httpOk(`http://127.0.0.1:${httpPort}/healthz`), 10_000, 100, `origin on ${httpPort}: ${nginx.output()}`);
  return {
    ...nginx,
    rtmpPort,
    httpPort,
    ingestUrl: `rtmp://127.0.0.1:${rtmpPort}/ingest`,
    httpAddress: `127.0.0.1:${httpPort}`,
    accessLog: join(stateDir, "logs", "access.log"),
  };
}

/** A running edge. */
export interface RunningEdge extends RunningNginx {
  port: number;
  baseUrl: string;
}

/** Starts an edge of `origin` (host:port) on a free port (1 worker unless told), with its viewer counter (window and interval in s). */
export async function startEdge(options: { origin: string; secret: string; viewerWindowSeconds?: number; counterIntervalSeconds?: number; workerProcesses?: number | "auto"; playlistCacheSeconds?: number }): Promise<RunningEdge> {
  const port = await freePort();
  const stateDir = newStateDir("edge");
  const params = { listenPort: port, listenAddress: "127.0.0.1", origin: options.origin, tokenSecret: options.secret, stateDir, workerProcesses: options.workerProcesses ?? 1, playlistCacheSeconds: options.playlistCacheSeconds };
  const paths = edgePaths(params);
  for (const dir of [paths.logDir, paths.cacheDir, paths.statusDir, paths.tmpDir]) mkdirSync(dir, { recursive: true });
  const script = join(stateDir, "viewer-counter.sh");
  writeFileSync(script, renderViewerCounterScript(params, { windowSeconds: options.viewerWindowSeconds ?? 30, intervalSeconds: options.counterIntervalSeconds ?? 1 }), { mode: 0o755 });
  writeFileSync(paths.viewersJson, '{"viewers":0,"windowSeconds":30,"updatedAt":0}\n');
  const nginx = startNginx(stateDir, renderEdgeConfig(params));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(() => httpOk(`${baseUrl}/healthz`), 10_000, 100, `edge on ${port}: ${nginx.output()}`);
  const counter = spawnUnprivileged("bash", [script]);
  return {
    ...nginx,
    port,
    baseUrl,
    stop: async () => {
      await counter.stop();
      await nginx.stop();
    },
  };
}

/**
 * Publishes a 640x360 30 fps test source (x264, keyframe every second, AAC)
 * by RTMP to `rtmpUrl`, with the wall clock burned in as a barcode (ms since
 * `baseMs`, see barcode.ts). Returns the process and `baseMs`.
 */
export function publishTestSource(rtmpUrl: string, options: { bitrateKbps?: number } = {}): Spawned & { baseMs: number } {
  const baseMs = Date.now();
  const kbps = options.bitrateKbps ?? 1500;
  const child = spawnLogged("ffmpeg", [
    "-hide_banner", "-loglevel", "error", "-re",
    "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30",
    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
    "-filter_complex", barcodeFilter(baseMs),
    "-map", "[v]", "-map", "1:a",
    "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
    "-g", "30", "-keyint_min", "30", "-sc_threshold", "0",
    "-b:v", `${kbps}k`, "-maxrate", `${kbps}k`, "-bufsize", `${kbps}k`,
    "-c:a", "aac", "-b:a", "96k",
    "-f", "flv", rtmpUrl,
  ]);
  return { ...child, baseMs };
}

/** A running media balancer. */
export interface RunningMediaLb extends RunningNginx {
  port: number;
  baseUrl: string;
}

/** Starts the media balancer (render-media-lb.ts) on a free port in front of `nodes` (host:port). */
export async function startMediaLb(nodes: readonly string[]): Promise<RunningMediaLb> {
  const port = await freePort();
  const stateDir = newStateDir("media-lb");
  for (const sub of ["logs", "tmp"]) mkdirSync(join(stateDir, sub), { recursive: true });
  const nginx = startNginx(stateDir, renderMediaLbConfig({ listenPort: port, listenAddress: "127.0.0.1", nodes, stateDir }));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(() => httpOk(`${baseUrl}/health`), 10_000, 100, `media balancer on ${port}: ${nginx.output()}`);
  return { ...nginx, port, baseUrl };
}
