/**
 * Renders an edge's nginx.conf: a caching reverse proxy of the origin's HLS
 * that serves only ticket-gated paths (format in @limelight/edge-token):
 *
 *   GET /t/<token>/<expires>/<viewerId>/<streamId>/<streamId>.m3u8           master playlist
 *   GET /t/<token>/<expires>/<viewerId>/<streamId>/<streamId>_<r>/index.m3u8  rendition playlist
 *   GET /t/<token>/<expires>/<viewerId>/<streamId>/<streamId>_<r>/<n>.ts      segment
 *
 * checked with `secure_link` + `secure_link_md5 "$exp/$vid/$sid <secret>"`
 * (https://nginx.org/en/docs/http/ngx_http_secure_link_module.html): a bad,
 * missing or other show's token answers 403, an expired one 410, both with
 * CORS headers (`always`) so hls.js can read the status. Everything else
 * answers 403 except:
 *   GET /healthz  → 200 "ok"
 *   GET /viewers  → 200 `{"viewers":N,"streams":{"<streamId>":n,...},"windowSeconds":W,"updatedAt":ms}`,
 *                   the distinct viewer ids served in the last W seconds, in
 *                   total and per stream (= event id), written by the viewer
 *                   counter (renderViewerCounterScript).
 *
 * Caching (https://nginx.org/en/docs/http/ngx_http_proxy_module.html):
 * the cache key is the file path without the token; `proxy_cache_lock` lets
 * one request per file reach the origin; playlists are revalidated one
 * request at a time (the origin marks them expired with `X-Accel-Expires`,
 * see render-origin.ts; 1 s validity without it) while concurrent viewers get
 * the previous copy; segments live 10 minutes; stale copies are also served
 * when the origin fails.
 *
 * TLS (optional `tls`): the gated HLS, /healthz and /viewers move to an
 * `ssl` server on `tls.httpsPort` (443) with the certificate of
 * `tls.serverName`; the plain-HTTP port then serves only
 * `/.well-known/acme-challenge/` from the ACME webroot (certbot `--webroot`,
 * RFC 8555 §8.3 http-01: https://www.rfc-editor.org/rfc/rfc8555#section-8.3)
 * and `/healthz`; everything else there answers 403 (a token never travels in
 * clear text through this edge). With `tls.awaitingCertificate` only that
 * plain-HTTP server is rendered, so nginx starts before the certificate exists
 * and nothing answers on 443 until it does.
 */
import { EDGE_SECRET_PATTERN, RENDITION_NAME_PATTERN, STREAM_ID_PATTERN, VIEWER_ID_PATTERN, assertEdgeSecret } from "@limelight/edge-token";
import { assertPath, assertPort, tempPaths } from "./common";

/** Parameters of an edge config. Paths are absolute. */
export interface EdgeConfigParams {
  /** HTTP listen port. */
  listenPort: number;
  /** Listen address; default "0.0.0.0". */
  listenAddress?: string;
  /** The origin's HTTP address as `host:port` (e.g. "10.0.0.5:8080"); a host name is resolved at start. */
  origin: string;
  /** Shared edge token secret (EDGE_SECRET_PATTERN: 32–128 of [A-Za-z0-9_-]). */
  tokenSecret: string;
  /** Folder for everything the edge writes unless overridden: cache/, logs/, tmp/, status/, nginx.pid. */
  stateDir: string;
  /** Cache folder; default `<stateDir>/cache`. */
  cacheDir?: string;
  /** Cache size cap, nginx size syntax; default "2g". */
  cacheMaxSize?: string;
  /** pid file; default `<stateDir>/nginx.pid`. */
  pidPath?: string;
  /** Log folder (error.log, viewers.log); default `<stateDir>/logs`. */
  logDir?: string;
  /** Folder holding viewers.json (written by the viewer counter); default `<stateDir>/status`. */
  statusDir?: string;
  /** worker_processes; default "auto". */
  workerProcesses?: number | "auto";
  /**
   * Playlist caching: 0 (default) revalidates playlists with the origin one
   * request at a time (freshest, origin load bounded by one request per
   * round trip per playlist); N > 0 keeps them N to N+1 s (nginx counts whole
   * seconds: about +0.8 s glass-to-glass at 1 and one origin request per
   * N+1 s per playlist), for edges far from the origin.
   */
  playlistCacheSeconds?: number;
  /** `user` directive, only meaningful when the master runs as root (e.g. "www-data"). */
  user?: string;
  /** HTTPS with a certificate for one host name (see the file header); absent = plain HTTP on listenPort, as before. */
  tls?: EdgeTlsParams;
}

/** The TLS part of an edge config. Paths are absolute. */
export interface EdgeTlsParams {
  /** The edge's DNS name, e.g. "ll-prod-0123456789ab.edges.example.com" (`server_name`, the certificate's name). */
  serverName: string;
  /** PEM certificate chain, e.g. /etc/letsencrypt/live/<serverName>/fullchain.pem. */
  certPath: string;
  /** PEM private key, e.g. /etc/letsencrypt/live/<serverName>/privkey.pem (read by the nginx master, so root-only is fine). */
  keyPath: string;
  /** HTTPS listen port; default 443. */
  httpsPort?: number;
  /** Folder certbot `--webroot -w` writes challenges into; default `<stateDir>/acme`. */
  acmeWebroot?: string;
  /** True renders only the plain-HTTP server (ACME challenges + /healthz): for the time before the certificate exists. */
  awaitingCertificate?: boolean;
}

/** Resolved file locations of an edge (what the start script and viewer counter need). */
export interface EdgePaths {
  pidPath: string;
  logDir: string;
  cacheDir: string;
  statusDir: string;
  tmpDir: string;
  /** Access log of gated 2xx responses: one line "<msec> <viewerId> <streamId>" per response. */
  viewersLog: string;
  /** JSON served at /viewers. */
  viewersJson: string;
  /** pid file of the viewer counter (written by the counter itself). */
  counterPidPath: string;
}

/** Resolves the file locations of an edge from its parameters. */
export function edgePaths(p: Pick<EdgeConfigParams, "stateDir" | "cacheDir" | "pidPath" | "logDir" | "statusDir">): EdgePaths {
  const logDir = p.logDir ?? `${p.stateDir}/logs`;
  const statusDir = p.statusDir ?? `${p.stateDir}/status`;
  return {
    pidPath: p.pidPath ?? `${p.stateDir}/nginx.pid`,
    logDir,
    cacheDir: p.cacheDir ?? `${p.stateDir}/cache`,
    statusDir,
    tmpDir: `${p.stateDir}/tmp`,
    viewersLog: `${logDir}/viewers.log`,
    viewersJson: `${statusDir}/viewers.json`,
    counterPidPath: `${p.stateDir}/viewer-counter.pid`,
  };
}

const CORS = [
  'add_header Access-Control-Allow-Origin "*" always;',
  'add_header Access-Control-Allow-Methods "GET, HEAD, OPTIONS" always;',
  'add_header Access-Control-Allow-Headers "Range" always;',
  'add_header Access-Control-Expose-Headers "Content-Length, Content-Range, X-Cache-Status" always;',
];

function gatedLocation(fileRe: string, secret: string, validity: string, ignoreAccelExpires: boolean): string {
  const pathRe =
    `^/t/(?<tok>[A-Za-z0-9_-]{22})/(?<exp>[0-9]{1,12})/(?<vid>${VIEWER_ID_PATTERN})/(?<sid>${STREAM_ID_PATTERN})/(?<file>${fileRe})$`;
  const lines = [
    `location ~ "${pathRe}" {`,
    "  secure_link $tok,$exp;",
    `  secure_link_md5 "$exp/$vid/$sid ${secret}";`,
    ...CORS.map((l) => `  ${l}`),
    '  if ($secure_link = "") { return 403; }',
    '  if ($secure_link = "0") { return 410; }',
    "  set $limelight_vid $vid;",
    "  set $limelight_sid $sid;",
    "  proxy_pass http://limelight_origin/hls/$file;",
    "  proxy_http_version 1.1;",
    '  proxy_set_header Connection "";',
    "  proxy_set_header Host $proxy_host;",
    "  proxy_cache limelight_hls;",
    "  proxy_cache_key $file;",
    "  proxy_cache_lock on;",
    "  proxy_cache_lock_timeout 3s;",
    "  proxy_cache_lock_age 3s;",
    "  proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;",
    `  proxy_cache_valid 200 ${validity};`,
    "  proxy_cache_valid 404 1s;",
    // nginx 1.22 lets a Cache-Control: no-cache seen before X-Accel-Expires make the response uncacheable:
    // validity comes from X-Accel-Expires (playlists) or proxy_cache_valid; clients still get the origin's Cache-Control.
    `  proxy_ignore_headers Cache-Control Expires Set-Cookie${ignoreAccelExpires ? " X-Accel-Expires" : ""};`,
    "  proxy_connect_timeout 2s;",
    "  proxy_read_timeout 5s;",
    "  proxy_hide_header Access-Control-Allow-Origin;",
    '  add_header X-Cache-Status $upstream_cache_status always;',
    "  access_log VIEWERS_LOG if=$limelight_served;",
    "}",
  ];
  return lines.join("\n");
}

/** The ACME webroot of a TLS edge: `tls.acmeWebroot`, default `<stateDir>/acme`. */
export function acmeWebroot(p: Pick<EdgeConfigParams, "stateDir" | "tls">): string {
  return p.tls?.acmeWebroot ?? `${p.stateDir}/acme`;
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

function tlsServers(p: EdgeConfigParams, tls: EdgeTlsParams, gatedServerBody: string): string {
  const listen = p.listenAddress ?? "0.0.0.0";
  const plain = `  server {
    listen ${listen}:${p.listenPort} reuseport;
    server_name ${tls.serverName};
    set $limelight_vid "-";
    set $limelight_sid "-";

    location ^~ /.well-known/acme-challenge/ {
      root ${acmeWebroot(p)};
      default_type text/plain;
      try_files $uri =404;
    }

    location = /healthz {
      default_type text/plain;
      return 200 "ok\\n";
    }

    location / {
      return 403;
    }
  }`;
  if (tls.awaitingCertificate) return plain;
  const secure = `  server {
    listen ${listen}:${tls.httpsPort ?? 443} ssl http2 reuseport;
    server_name ${tls.serverName};
    ssl_certificate ${tls.certPath};
    ssl_certificate_key ${tls.keyPath};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:limelight_tls:10m;
    ssl_session_timeout 1h;
    ssl_session_tickets off;
${gatedServerBody}
  }`;
  return `${plain}\n\n${secure}`;
}

/** Renders an edge's complete nginx.conf. Throws an Error on invalid parameters. */
export function renderEdgeConfig(p: EdgeConfigParams): string {
  assertPort("listenPort", p.listenPort);
  assertPath("stateDir", p.stateDir);
  assertEdgeSecret(p.tokenSecret);
  if (!/^[A-Za-z0-9.[\]:-]+:[0-9]{1,5}$/.test(p.origin)) throw new Error(`origin must be host:port, got ${JSON.stringify(p.origin)}`);
  const paths = edgePaths(p);
  for (const [k, v] of Object.entries(paths)) assertPath(k, v);
  if (p.cacheMaxSize !== undefined && !/^[0-9]+[kmg]?$/.test(p.cacheMaxSize)) throw new Error("cacheMaxSize must look like 2g or 512m");
  const r = RENDITION_NAME_PATTERN;
  const holdPlaylists = p.playlistCacheSeconds ?? 0;
  if (!Number.isInteger(holdPlaylists) || holdPlaylists < 0 || holdPlaylists > 10) throw new Error("playlistCacheSeconds must be an integer from 0 to 10");
  const playlist = gatedLocation(`(?P=sid)(\\.m3u8|_${r}/index\\.m3u8)`, p.tokenSecret, `${Math.max(1, holdPlaylists)}s`, holdPlaylists > 0);
  const segment = gatedLocation(`(?P=sid)_${r}/[0-9]{1,20}\\.ts`, p.tokenSecret, "10m", true);
  const indent = (block: string) => block.split("\n").map((l) => `    ${l}`).join("\n");
  if (p.tls) {
    if (!HOST_NAME.test(p.tls.serverName)) throw new Error(`tls.serverName must be a lower-case DNS name, got ${JSON.stringify(p.tls.serverName)}`);
    assertPath("tls.certPath", p.tls.certPath);
    assertPath("tls.keyPath", p.tls.keyPath);
    assertPath("tls.acmeWebroot", acmeWebroot(p));
    if (p.tls.httpsPort !== undefined) assertPort("tls.httpsPort", p.tls.httpsPort);
    if ((p.tls.httpsPort ?? 443) === p.listenPort) throw new Error("tls.httpsPort must differ from listenPort");
  }
  const conf = `# Limelight edge, rendered by infra/nginx/render-edge.ts. Do not edit by hand.
# Token secret format: ${EDGE_SECRET_PATTERN}
${p.user ? `user ${p.user};\n` : ""}worker_processes ${p.workerProcesses ?? "auto"};
worker_rlimit_nofile 65536;
pid ${paths.pidPath};
error_log ${paths.logDir}/error.log warn;
events { worker_connections 8192; }

http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  server_tokens off;
${tempPaths(paths.tmpDir)}
  types {
    application/vnd.apple.mpegurl m3u8;
    video/mp2t ts;
    application/json json;
  }
  default_type application/octet-stream;
  log_format limelight_viewers '$msec $limelight_vid $limelight_sid';
  map $status $limelight_served { 200 1; 206 1; 304 1; default 0; }
  proxy_cache_path ${paths.cacheDir} levels=1:2 keys_zone=limelight_hls:32m max_size=${p.cacheMaxSize ?? "2g"} inactive=10m use_temp_path=off;

  upstream limelight_origin {
    server ${p.origin} max_fails=0;
    keepalive 32;
  }

SERVERS
}
`;
  const gatedBody = `    set $limelight_vid "-";
    set $limelight_sid "-";

    location = /healthz {
      default_type text/plain;
${CORS.map((l) => `      ${l}`).join("\n")}
      return 200 "ok\\n";
    }

    location = /viewers {
      alias ${paths.viewersJson};
      default_type application/json;
      add_header Cache-Control "no-store" always;
${CORS.map((l) => `      ${l}`).join("\n")}
    }

${indent(playlist)}

${indent(segment)}

    location / {
${CORS.map((l) => `      ${l}`).join("\n")}
      if ($request_method = OPTIONS) { return 204; }
      return 403;
    }`;
  const servers = p.tls
    ? tlsServers(p, p.tls, gatedBody)
    : `  server {
    listen ${p.listenAddress ?? "0.0.0.0"}:${p.listenPort} reuseport;
${gatedBody}
  }`;
  return conf.replace("SERVERS", servers).replaceAll("VIEWERS_LOG", `${paths.viewersLog} limelight_viewers buffer=16k flush=1s`);
}

/**
 * A bash script (bash, awk, coreutils) that keeps `<statusDir>/viewers.json`
 * current: every `intervalSeconds` (default 5) it moves viewers.log aside,
 * tells nginx to reopen its logs (SIGUSR1 to the pid in pidPath), merges the
 * lines into a last-seen table (viewer id → last second, stream id) and writes
 * the number of viewer ids seen in the last `windowSeconds` (default 30), in
 * total and per stream id. Run it as the user that runs nginx;
 * it stops by itself when nginx's pid file disappears.
 */
export function renderViewerCounterScript(
  p: Pick<EdgeConfigParams, "stateDir" | "cacheDir" | "pidPath" | "logDir" | "statusDir">,
  options: { windowSeconds?: number; intervalSeconds?: number } = {},
): string {
  const paths = edgePaths(p);
  const windowSeconds = options.windowSeconds ?? 30;
  const interval = options.intervalSeconds ?? 5;
  return `#!/usr/bin/env bash
# Limelight edge viewer counter, rendered by infra/nginx/render-edge.ts.
set -u
log=${paths.viewersLog}
pid_file=${paths.pidPath}
out=${paths.viewersJson}
seen=${paths.statusDir}/seen.tsv
window=${windowSeconds}
echo $$ > ${paths.counterPidPath}
touch "$seen"
while [ -f "$pid_file" ]; do
  if [ -s "$log" ]; then
    mv "$log" "$log.1"
    kill -USR1 "$(cat "$pid_file")" 2>/dev/null || true
    sleep 0.3
  else
    : > "$log.1"
  fi
  now=$(date +%s)
  awk -v now="$now" -v window="$window" -v out="$out.tmp" -v seen="$seen.tmp" -v seenin="$seen" '
    FILENAME == seenin { last[$1] = $2; sid[$1] = $3; next }
    { t = int($1); if (t > last[$2] + 0) { last[$2] = t; sid[$2] = $3 } }
    END {
      n = 0
      for (v in last) if (last[v] >= now - window) { n++; per[sid[v]]++; print v "\\t" last[v] "\\t" sid[v] > seen }
      close(seen)
      streams = ""
      for (s in per) streams = streams (streams == "" ? "" : ",") "\\"" s "\\":" per[s]
      printf "{\\"viewers\\":%d,\\"streams\\":{%s},\\"windowSeconds\\":%d,\\"updatedAt\\":%d000}\\n", n, streams, window, now > out
    }' FS='\\t' "$seen" FS=' ' "$log.1"
  touch "$seen.tmp"
  mv "$seen.tmp" "$seen"
  mv "$out.tmp" "$out"
  rm -f "$log.1"
  sleep ${interval}
done
`;
}
