/**
 * Renders the origin's nginx.conf: nginx-rtmp ingest + HLS packaging + an HTTP
 * server that hands playlists and segments to the edges.
 *
 * RTMP (https://github.com/arut/nginx-rtmp-module/wiki/Directives):
 *   - `ingest` application: publishers (the media bridge with
 *     `?secret=...`, or OBS with the show's stream key) are authorised by
 *     `on_publish` against the web app, which answers 2xx (allow), 3xx with
 *     `Location: <eventId>` (allow and rename the stream to the event id) or
 *     4xx (refuse); `on_publish_done` tells it when a publisher leaves (an
 *     encoder show ends after its encoder has been gone a while). Publishing then runs ffmpeg (`exec_push`) that produces
 *     the renditions ladder into the `hls` application. Playing from ingest
 *     is allowed from 127.0.0.1 only (the transcoder).
 *   - `hls` application: publish from 127.0.0.1 only, no RTMP play; `hls on`
 *     with nested folders, `fragmentSeconds` fragments, and `hls_variant`
 *     lines writing the master playlist `<eventId>.m3u8`.
 * HTTP: `/hls/<file>` from the HLS folder; playlists carry
 * `X-Accel-Expires: @1` (a date in 1970: stored by the edge but already
 * expired), so an edge revalidates a playlist on each request, one request at
 * a time, while `proxy_cache_use_stale updating` hands concurrent viewers the
 * previous copy: a playlist is never older than one origin round trip, and
 * the origin sees at most one playlist request per round trip per edge
 * (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_cache_use_stale,
 * X-Accel-Expires: https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ignore_headers).
 * Whole-second caching (`@<now>`) added about 0.8 s glass-to-glass.
 * Segments: `Cache-Control: max-age=600`. `/healthz` answers "ok".
 *
 * Replay (`record`, default on): the `ingest` application records what is
 * published (`record all`, `record_path <stateDir>/recordings`,
 * `record_unique on`: `<eventId>-<unixSeconds>.flv`, so a publisher that
 * reconnects mid-show adds a part instead of overwriting one), and
 * `exec_record_done` runs `<stateDir>/replay-build.sh $name`
 * (render-replay-script.ts), which rebuilds the show's HLS VOD
 * `<stateDir>/replays/<eventId>_replay/index.m3u8` + `<n>.ts` from all parts,
 * atomically; HTTP serves them as `/hls/<eventId>_replay/index.m3u8` and
 * `/hls/<eventId>_replay/<n>.ts` (the edges' paths; outside `hls_path`
 * because `hls_cleanup` deletes anything there after seconds)
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#record,
 * #record_path, #record_unique, #exec_record_done). The replay playlist is
 * served with `Cache-Control: max-age=10` and `X-Accel-Expires: 10`: edges
 * hold it 10 s instead of revalidating per request (it changes only when a
 * show's recording ends), and a rebuilt replay reaches viewers within 10 s.
 * Its segments get new numbers on every build, so the segments' long cache
 * life can never mix two builds.
 */
import { assertPath, assertPort, nginxArg, tempPaths } from "./common";
import { replayPaths } from "./render-replay-script";
import { DEFAULT_RENDITIONS, renditionFfmpegOutputs, validateRenditions, variantAttributes, type Rendition } from "./renditions";

/** Parameters of the origin config. Paths are absolute; ports are TCP ports. */
export interface OriginConfigParams {
  /** RTMP listen port (publishers). */
  rtmpPort: number;
  /** HTTP listen port (edges read `/hls/...` here). */
  httpPort: number;
  /** Listen address for both servers; default "0.0.0.0". */
  listenAddress?: string;
  /** Folder for everything the origin writes: hls/, logs/, tmp/, nginx.pid. */
  stateDir: string;
  /**
   * URL of the web app's on_publish endpoint (`<APP_URL>/api/rtmp/on-publish`).
   * Absent: publishing to ingest is allowed from 127.0.0.1 only, without a check.
   */
  onPublishUrl?: string;
  /**
   * URL of the web app's on_publish_done endpoint
   * (`<APP_URL>/api/rtmp/on-publish-done`): told when a publisher leaves, so
   * an encoder show whose OBS is gone ends by itself. Used only with
   * `onPublishUrl` (nginx-rtmp sends publish_done only for publishes it
   * notified; https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish_done).
   */
  onPublishDoneUrl?: string;
  /** Renditions ladder; default DEFAULT_RENDITIONS. */
  renditions?: readonly Rendition[];
  /** HLS fragment length in seconds (keyframe interval of transcoded renditions); default 1. */
  fragmentSeconds?: number;
  /** HLS playlist length in seconds; default 6. */
  playlistSeconds?: number;
  /** ffmpeg binary; default "/usr/bin/ffmpeg". */
  ffmpegPath?: string;
  /** Addresses (CIDR) allowed to read `/hls/` over HTTP; default all. */
  httpAllow?: readonly string[];
  /**
   * Addresses (CIDR) allowed to read `/rtmp-stat`, nginx-rtmp's statistics
   * (`rtmp_stat all`, XML: the live streams and their publishing clients;
   * https://github.com/arut/nginx-rtmp-module/wiki/Directives#rtmp_stat), which
   * the web app asks whether a stream still has a publisher; default
   * DEFAULT_STAT_ALLOW (loopback and private networks: never the internet).
   */
  statAllow?: readonly string[];
  /** `user` directive, only meaningful when the master runs as root. */
  user?: string;
  /** nginx-rtmp module path; default Debian's /usr/lib/nginx/modules/ngx_rtmp_module.so. */
  rtmpModulePath?: string;
  /**
   * Record every show and publish its replay (`<eventId>_replay`); default
   * true. Needs `<stateDir>/recordings/` writable by the nginx user and
   * `<stateDir>/replay-build.sh` (renderReplayBuildScript) next to nginx.conf.
   */
  record?: boolean;
}

/** Who may read the origin's `/rtmp-stat` unless told otherwise: loopback and the private networks (RFC 1918, IPv6 ULA). */
export const DEFAULT_STAT_ALLOW: readonly string[] = ["127.0.0.1", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

/** Renders the origin's complete nginx.conf. Throws an Error on invalid parameters. */
export function renderOriginConfig(p: OriginConfigParams): string {
  assertPort("rtmpPort", p.rtmpPort);
  assertPort("httpPort", p.httpPort);
  assertPath("stateDir", p.stateDir);
  const renditions = p.renditions ?? DEFAULT_RENDITIONS;
  validateRenditions(renditions);
  const fragment = p.fragmentSeconds ?? 1;
  const playlist = p.playlistSeconds ?? 6;
  const listen = p.listenAddress ?? "0.0.0.0";
  const dir = p.stateDir;
  const ffmpeg = p.ffmpegPath ?? "/usr/bin/ffmpeg";
  const local = `rtmp://127.0.0.1:${p.rtmpPort}`;
  const transcode = [
    ffmpeg, "-hide_banner", "-loglevel", "error", "-fflags", "nobuffer",
    "-i", `${local}/ingest/$name`,
    ...renditionFfmpegOutputs(renditions, `${local}/hls`, "$name", fragment),
  ].map(nginxArg).join(" ");
  const publishAuth = p.onPublishUrl
    ? `      on_publish ${nginxArg(p.onPublishUrl)};\n${p.onPublishDoneUrl ? `      on_publish_done ${nginxArg(p.onPublishDoneUrl)};\n` : ""}      notify_method post;`
    : "      allow publish 127.0.0.1;\n      deny publish all;";
  const record = p.record ?? true;
  if (record && renditions.some((r) => r.name === "replay")) throw new Error('rendition name "replay" is reserved for the recorded replay');
  const replay = replayPaths(dir);
  const recording = record
    ? [
        "      record all;",
        `      record_path ${replay.recordingsDir};`,
        "      record_unique on;",
        `      exec_record_done /bin/bash ${replay.buildScript} $name;`,
      ].join("\n") + "\n"
    : "";
  const variants = renditions.map((r) => `      hls_variant _${r.name} ${variantAttributes(r)};`).join("\n");
  const statAllow = [...(p.statAllow?.length ? p.statAllow : DEFAULT_STAT_ALLOW).map((a) => `      allow ${a};`), "      deny all;"].join("\n");
  const httpAllow = p.httpAllow?.length ? [...p.httpAllow.map((a) => `      allow ${a};`), "      deny all;"].join("\n") : "";
  return `# Limelight origin, rendered by infra/nginx/render-origin.ts. Do not edit by hand.
load_module ${p.rtmpModulePath ?? "/usr/lib/nginx/modules/ngx_rtmp_module.so"};
${p.user ? `user ${p.user};\n` : ""}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }

rtmp {
  access_log ${dir}/logs/rtmp-access.log;
  server {
    listen ${listen}:${p.rtmpPort};
    chunk_size 4096;
    ping 10s;
    ping_timeout 10s;
    drop_idle_publisher 10s;

    application ingest {
      live on;
      wait_key on;
      idle_streams off;
${publishAuth}
      allow play 127.0.0.1;
      deny play all;
      exec_push ${transcode};
      exec_kill_signal term;
${recording}    }

    application hls {
      live on;
      allow publish 127.0.0.1;
      deny publish all;
      deny play all;
      hls on;
      hls_path ${dir}/hls;
      hls_nested on;
      hls_fragment ${fragment}s;
      hls_playlist_length ${playlist}s;
      hls_cleanup on;
${variants}
    }
  }
}

http {
  access_log ${dir}/logs/access.log;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  server_tokens off;
${tempPaths(`${dir}/tmp`)}
  types {
    application/vnd.apple.mpegurl m3u8;
    video/mp2t ts;
  }
  default_type application/octet-stream;

  server {
    listen ${listen}:${p.httpPort};

    location = /healthz {
      access_log off;
      default_type text/plain;
      return 200 "ok\\n";
    }

    location = /rtmp-stat {
${statAllow}
      access_log off;
      rtmp_stat all;
    }

    location ~ ^/hls/([A-Za-z0-9]+_replay)/index\\.m3u8$ {
${httpAllow}
      alias ${replay.replaysDir}/$1/index.m3u8;
      add_header Cache-Control "public, max-age=10" always;
      add_header X-Accel-Expires "10";
    }

    location ~ ^/hls/([A-Za-z0-9]+_replay/[0-9]+\\.ts)$ {
${httpAllow}
      alias ${replay.replaysDir}/$1;
      add_header Cache-Control "public, max-age=600";
    }

    location ~ ^/hls/[A-Za-z0-9_]+(/index)?\\.m3u8$ {
${httpAllow}
      root ${dir};
      add_header Cache-Control "no-cache" always;
      add_header X-Accel-Expires "@1";
    }

    location ~ ^/hls/[A-Za-z0-9_]+/[0-9]+\\.ts$ {
${httpAllow}
      root ${dir};
      add_header Cache-Control "public, max-age=600";
    }

    location / {
      return 404;
    }
  }
}
`;
}
