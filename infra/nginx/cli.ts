/**
 * Writes an origin's or an edge's nginx config (and the edge's viewer counter
 * script) from environment variables, parsed once at start by env.ts (an
 * invalid or missing setting renders nothing); used by
 * infra/scripts/{origin,edge}-start.sh.
 *
 *   tsx infra/nginx/cli.ts origin   ORIGIN_STATE_DIR, ORIGIN_RTMP_PORT (1935), ORIGIN_HTTP_PORT (8088),
 *                                   ORIGIN_LISTEN_ADDRESS (0.0.0.0), ORIGIN_ON_PUBLISH_URL (unset: localhost-only publish),
 *                                   ORIGIN_ON_PUBLISH_DONE_URL (unset: encoder shows are not told their encoder left),
 *                                   ORIGIN_RENDITIONS ("src,480p:1200,360p:700" or JSON), ORIGIN_FRAGMENT_SECONDS (1),
 *                                   ORIGIN_HTTP_ALLOW (comma-separated CIDRs), ORIGIN_STAT_ALLOW (CIDRs of /rtmp-stat;
 *                                   unset: loopback and private networks), NGINX_USER,
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
import { parseCliEnv } from "./env";

/** Renders the files of one command from its parsed settings (env.ts). */
function main(kind: string | undefined): void {
  if (kind === "media-lb") {
    const env = parseCliEnv("media-lb", process.env);
    const stateDir = env.MEDIA_LB_STATE_DIR;
    const conf = renderMediaLbConfig({ stateDir, listenPort: env.MEDIA_LB_PORT, listenAddress: env.MEDIA_LB_LISTEN_ADDRESS, nodes: env.MEDIA_LB_NODES, user: env.NGINX_USER });
    for (const sub of ["logs", "tmp"]) mkdirSync(`${stateDir}/${sub}`, { recursive: true });
    writeFileSync(`${stateDir}/nginx.conf`, conf);
    return;
  }
  if (kind === "cloud-init") {
    const env = parseCliEnv("cloud-init", process.env);
    process.stdout.write(
      renderEdgeCloudInit({
        listenPort: env.EDGE_HTTP_PORT,
        origin: env.EDGE_ORIGIN,
        tokenSecret: env.EDGE_TOKEN_SECRET,
        tls: env.EDGE_TLS_HOSTNAME && env.EDGE_ACME_EMAIL ? { hostname: env.EDGE_TLS_HOSTNAME, acmeEmail: env.EDGE_ACME_EMAIL } : undefined,
      }),
    );
    return;
  }
  if (kind === "origin") {
    const env = parseCliEnv("origin", process.env);
    const stateDir = env.ORIGIN_STATE_DIR;
    const ffmpegPath = env.ORIGIN_FFMPEG;
    const replayParams = { stateDir, ffmpegPath, recordingsKeepHours: env.ORIGIN_RECORDINGS_KEEP_HOURS };
    const conf = renderOriginConfig({
      record: env.ORIGIN_RECORD,
      ffmpegPath,
      stateDir,
      rtmpPort: env.ORIGIN_RTMP_PORT,
      httpPort: env.ORIGIN_HTTP_PORT,
      listenAddress: env.ORIGIN_LISTEN_ADDRESS,
      onPublishUrl: env.ORIGIN_ON_PUBLISH_URL,
      onPublishDoneUrl: env.ORIGIN_ON_PUBLISH_DONE_URL,
      renditions: env.ORIGIN_RENDITIONS ? parseRenditions(env.ORIGIN_RENDITIONS) : undefined,
      fragmentSeconds: env.ORIGIN_FRAGMENT_SECONDS,
      httpAllow: env.ORIGIN_HTTP_ALLOW,
      statAllow: env.ORIGIN_STAT_ALLOW,
      user: env.NGINX_USER,
    });
    for (const sub of ["hls", "logs", "tmp", "recordings", "replays"]) mkdirSync(`${stateDir}/${sub}`, { recursive: true });
    const paths = replayPaths(stateDir);
    writeFileSync(paths.buildScript, renderReplayBuildScript(replayParams), { mode: 0o755 });
    writeFileSync(paths.cleanupScript, renderReplayCleanupScript(replayParams), { mode: 0o755 });
    writeFileSync(`${stateDir}/nginx.conf`, conf);
    return;
  }
  if (kind === "edge") {
    const env = parseCliEnv("edge", process.env);
    const params = {
      stateDir: env.EDGE_STATE_DIR,
      listenPort: env.EDGE_PORT,
      listenAddress: env.EDGE_LISTEN_ADDRESS,
      origin: env.EDGE_ORIGIN,
      tokenSecret: env.EDGE_TOKEN_SECRET,
      cacheDir: env.EDGE_CACHE_DIR,
      cacheMaxSize: env.EDGE_CACHE_MAX_SIZE,
      playlistCacheSeconds: env.EDGE_PLAYLIST_CACHE_SECONDS,
      user: env.NGINX_USER,
    };
    const conf = renderEdgeConfig(params);
    const paths = edgePaths(params);
    for (const dir of [paths.logDir, paths.cacheDir, paths.statusDir, paths.tmpDir]) mkdirSync(dir, { recursive: true });
    writeFileSync(`${params.stateDir}/nginx.conf`, conf);
    const counter = { windowSeconds: env.EDGE_VIEWER_WINDOW_SECONDS, intervalSeconds: env.EDGE_VIEWER_REFRESH_SECONDS };
    writeFileSync(`${params.stateDir}/viewer-counter.sh`, renderViewerCounterScript(params, counter), { mode: 0o755 });
    writeFileSync(paths.viewersJson, `{"viewers":0,"streams":{},"windowSeconds":${counter.windowSeconds},"updatedAt":${Date.now()}}\n`);
    return;
  }
  throw new Error("usage: tsx infra/nginx/cli.ts origin|edge|media-lb|cloud-init (parameters in the environment, see the file header and env.ts)");
}

main(process.argv[2]);
