/**
 * Writes an origin's or an edge's nginx config (and the edge's viewer counter
 * script) from environment variables; used by infra/scripts/{origin,edge}-start.sh.
 *
 *   tsx infra/nginx/cli.ts origin   ORIGIN_STATE_DIR, ORIGIN_RTMP_PORT (1935), ORIGIN_HTTP_PORT (8088),
 *                                   ORIGIN_LISTEN_ADDRESS (0.0.0.0), ORIGIN_ON_PUBLISH_URL (unset: localhost-only publish),
 *                                   ORIGIN_ON_PUBLISH_DONE_URL (unset: encoder shows are not told their encoder left),
 *                                   ORIGIN_RENDITIONS ("src,480p:1200,360p:700" or JSON), ORIGIN_FRAGMENT_SECONDS (1),
 *                                   ORIGIN_HTTP_ALLOW (comma-separated CIDRs), NGINX_USER,
 *                                   ORIGIN_RECORD (1: record shows and build replays; 0/false/off: don't),
 *                                   ORIGIN_RECORDINGS_KEEP_HOURS (unset: keep recordings and replays forever),
 *                                   ORIGIN_FFMPEG (/usr/bin/ffmpeg)
 *     → <ORIGIN_STATE_DIR>/nginx.conf, replay-build.sh and replay-cleanup.sh (render-replay-script.ts)
 *   tsx infra/nginx/cli.ts edge     EDGE_STATE_DIR, EDGE_PORT (8081), EDGE_LISTEN_ADDRESS (0.0.0.0), EDGE_ORIGIN
 *                                   (127.0.0.1:8088), EDGE_TOKEN_SECRET, EDGE_CACHE_DIR, EDGE_CACHE_MAX_SIZE,
 *                                   EDGE_PLAYLIST_CACHE_SECONDS (0), EDGE_VIEWER_WINDOW_SECONDS (30: a viewer
 *                                   counts while its token was seen this recently), EDGE_VIEWER_REFRESH_SECONDS (5), NGINX_USER
 *     → <EDGE_STATE_DIR>/nginx.conf and <EDGE_STATE_DIR>/viewer-counter.sh
 *   tsx infra/nginx/cli.ts media-lb MEDIA_LB_STATE_DIR, MEDIA_LB_PORT (4000), MEDIA_LB_LISTEN_ADDRESS (0.0.0.0),
 *                                   MEDIA_LB_NODES (comma-separated host:port of the media nodes), NGINX_USER
 *     → <MEDIA_LB_STATE_DIR>/nginx.conf (render-media-lb.ts; start it with `nginx -p <dir> -c <dir>/nginx.conf`)
 *   tsx infra/nginx/cli.ts cloud-init EDGE_HTTP_PORT (80), EDGE_ORIGIN (origin host:port as the VM reaches it),
 *                                   EDGE_TOKEN_SECRET, EDGE_TLS_HOSTNAME + EDGE_ACME_EMAIL (both or neither: HTTPS edge)
 *     → the edge VM's cloud-init user data on stdout (../cloud-init/render-edge-cloud-init.ts), as the autoscaler sends it
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { renderEdgeConfig, renderViewerCounterScript, edgePaths } from "./render-edge";
import { renderOriginConfig } from "./render-origin";
import { renderReplayBuildScript, renderReplayCleanupScript, replayPaths } from "./render-replay-script";
import { renderMediaLbConfig } from "./render-media-lb";
import { renderEdgeCloudInit } from "../cloud-init/render-edge-cloud-init";
import { parseRenditions } from "./renditions";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function main(kind: string | undefined): void {
  if (kind === "media-lb") {
    const stateDir = required("MEDIA_LB_STATE_DIR");
    const conf = renderMediaLbConfig({
      stateDir,
      listenPort: Number(process.env.MEDIA_LB_PORT ?? 4000),
      listenAddress: process.env.MEDIA_LB_LISTEN_ADDRESS || undefined,
      nodes: required("MEDIA_LB_NODES").split(",").map((s) => s.trim()).filter(Boolean),
      user: process.env.NGINX_USER || undefined,
    });
    for (const sub of ["logs", "tmp"]) mkdirSync(`${stateDir}/${sub}`, { recursive: true });
    writeFileSync(`${stateDir}/nginx.conf`, conf);
    return;
  }
  if (kind === "cloud-init") {
    const hostname = process.env.EDGE_TLS_HOSTNAME;
    process.stdout.write(
      renderEdgeCloudInit({
        listenPort: Number(process.env.EDGE_HTTP_PORT ?? 80),
        origin: required("EDGE_ORIGIN"),
        tokenSecret: required("EDGE_TOKEN_SECRET"),
        tls: hostname ? { hostname, acmeEmail: required("EDGE_ACME_EMAIL") } : undefined,
      }),
    );
    return;
  }
  if (kind === "origin") {
    const stateDir = required("ORIGIN_STATE_DIR");
    const record = !/^(0|false|off|no)$/i.test(process.env.ORIGIN_RECORD ?? "1");
    const ffmpegPath = process.env.ORIGIN_FFMPEG || undefined;
    const keep = process.env.ORIGIN_RECORDINGS_KEEP_HOURS;
    const replayParams = { stateDir, ffmpegPath, recordingsKeepHours: keep ? Number(keep) : undefined };
    const conf = renderOriginConfig({
      record,
      ffmpegPath,
      stateDir,
      rtmpPort: Number(process.env.ORIGIN_RTMP_PORT ?? 1935),
      httpPort: Number(process.env.ORIGIN_HTTP_PORT ?? 8088),
      listenAddress: process.env.ORIGIN_LISTEN_ADDRESS || undefined,
      onPublishUrl: process.env.ORIGIN_ON_PUBLISH_URL || undefined,
      onPublishDoneUrl: process.env.ORIGIN_ON_PUBLISH_DONE_URL || undefined,
      renditions: process.env.ORIGIN_RENDITIONS ? parseRenditions(process.env.ORIGIN_RENDITIONS) : undefined,
      fragmentSeconds: process.env.ORIGIN_FRAGMENT_SECONDS ? Number(process.env.ORIGIN_FRAGMENT_SECONDS) : undefined,
      httpAllow: process.env.ORIGIN_HTTP_ALLOW ? process.env.ORIGIN_HTTP_ALLOW.split(",").map((s) => s.trim()) : undefined,
      user: process.env.NGINX_USER || undefined,
    });
    for (const sub of ["hls", "logs", "tmp", "recordings", "replays"]) mkdirSync(`${stateDir}/${sub}`, { recursive: true });
    const paths = replayPaths(stateDir);
    writeFileSync(paths.buildScript, renderReplayBuildScript(replayParams), { mode: 0o755 });
    writeFileSync(paths.cleanupScript, renderReplayCleanupScript(replayParams), { mode: 0o755 });
    writeFileSync(`${stateDir}/nginx.conf`, conf);
    return;
  }
  if (kind === "edge") {
    const params = {
      stateDir: required("EDGE_STATE_DIR"),
      listenPort: Number(process.env.EDGE_PORT ?? 8081),
      listenAddress: process.env.EDGE_LISTEN_ADDRESS || undefined,
      origin: process.env.EDGE_ORIGIN ?? "127.0.0.1:8088",
      tokenSecret: required("EDGE_TOKEN_SECRET"),
      cacheDir: process.env.EDGE_CACHE_DIR || undefined,
      cacheMaxSize: process.env.EDGE_CACHE_MAX_SIZE || undefined,
      playlistCacheSeconds: process.env.EDGE_PLAYLIST_CACHE_SECONDS ? Number(process.env.EDGE_PLAYLIST_CACHE_SECONDS) : undefined,
      user: process.env.NGINX_USER || undefined,
    };
    const conf = renderEdgeConfig(params);
    const paths = edgePaths(params);
    for (const dir of [paths.logDir, paths.cacheDir, paths.statusDir, paths.tmpDir]) mkdirSync(dir, { recursive: true });
    writeFileSync(`${params.stateDir}/nginx.conf`, conf);
    const counter = {
      windowSeconds: process.env.EDGE_VIEWER_WINDOW_SECONDS ? Number(process.env.EDGE_VIEWER_WINDOW_SECONDS) : 30,
      intervalSeconds: process.env.EDGE_VIEWER_REFRESH_SECONDS ? Number(process.env.EDGE_VIEWER_REFRESH_SECONDS) : 5,
    };
    writeFileSync(`${params.stateDir}/viewer-counter.sh`, renderViewerCounterScript(params, counter), { mode: 0o755 });
    writeFileSync(paths.viewersJson, `{"viewers":0,"streams":{},"windowSeconds":${counter.windowSeconds},"updatedAt":${Date.now()}}\n`);
    return;
  }
  throw new Error("usage: tsx infra/nginx/cli.ts origin|edge|media-lb|cloud-init (parameters in the environment, see the file header)");
}

main(process.argv[2]);
