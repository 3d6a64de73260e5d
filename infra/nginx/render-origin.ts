/**
 * Renders the origin's nginx.conf: nginx-rtmp ingest + HLS packaging + an HTTP
 * server that hands playlists and segments to the edges.
 *
 * RTMP (https://github.com/arut/nginx-rtmp-module/wiki/Directives):
 *   - `ingest` application: publishers (the media bridge with
 *     `?secret=...`, or OBS with the show's stream key) are authorised by
 *     `on_publish` against the web app, which answers 2xx (allow), 3xx with
 *     `Location: <eventId>` (allow and rename the stream to the event id) or
 *     4xx (refuse). Publishing then runs ffmpeg (`exec_push`) that produces
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
 */
import { assertPath, assertPort, nginxArg, tempPaths } from "./common";
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
  /** `user` directive, only meaningful when the master runs as root. */
  user?: string;
  /** nginx-rtmp module path; default Debian's /usr/lib/nginx/modules/ngx_rtmp_module.so. */
  rtmpModulePath?: string;
}

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
    ? `      on_publish ${nginxArg(p.onPublishUrl)};\n      notify_method post;`
    : "      allow publish 127.0.0.1;\n      deny publish all;";
  const variants = renditions.map((r) => `      hls_variant _${r.name} ${variantAttributes(r)};`).join("\n");
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
    }

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
