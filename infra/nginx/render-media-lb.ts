/**
 * nginx in front of several media nodes (apps/media with REDIS_URL set).
 * A live show's media graph lives on one node, so every socket of one event
 * (hosts and WebRTC viewers) must reach the same node: the browser puts the
 * event id in the socket.io handshake query (`?eventId=...`) and the upstream
 * hashes on it (`hash $arg_eventId consistent`, ketama: adding or removing a
 * node moves only that node's share of events). The same hash keeps HTTP
 * long-polling sessions sticky. WebSocket upgrades are passed through
 * (https://nginx.org/en/docs/http/websocket.html); `hash`:
 * https://nginx.org/en/docs/http/ngx_http_upstream_module.html#hash
 */
import { assertPath, assertPort, nginxArg, tempPaths } from "./common";

/** Parameters of renderMediaLbConfig. */
export interface MediaLbParams {
  /** Port browsers connect to. */
  listenPort: number;
  /** Listen address; default "0.0.0.0". */
  listenAddress?: string;
  /** Media nodes as host:port (at least one). */
  nodes: readonly string[];
  /** Folder for logs/, tmp/ and nginx.pid (absolute). */
  stateDir: string;
  /** How long an idle WebSocket may stay open through the proxy, s (default 3600: socket.io pings every 25 s anyway). */
  idleTimeoutSeconds?: number;
  /** User of the worker processes when the master runs as root. */
  user?: string;
}

/** Renders the balancer's complete nginx.conf. Throws an Error on invalid parameters. */
export function renderMediaLbConfig(p: MediaLbParams): string {
  assertPort("listenPort", p.listenPort);
  assertPath("stateDir", p.stateDir);
  if (p.nodes.length === 0) throw new Error("at least one media node is needed");
  for (const node of p.nodes) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(node)) throw new Error(`media node must be host:port, got ${JSON.stringify(node)}`);
  }
  const idle = p.idleTimeoutSeconds ?? 3600;
  if (!Number.isInteger(idle) || idle < 30) throw new Error("idleTimeoutSeconds must be an integer of at least 30");
  return `# Limelight media balancer, rendered by infra/nginx/render-media-lb.ts. Do not edit by hand.
${p.user ? `user ${nginxArg(p.user)};\n` : ""}worker_processes auto;
pid ${p.stateDir}/nginx.pid;
error_log ${p.stateDir}/logs/error.log warn;
events { worker_connections 8192; }

http {
  access_log off;
  server_tokens off;
${tempPaths(`${p.stateDir}/tmp`)}
  map $http_upgrade $limelight_connection { default upgrade; "" close; }

  upstream limelight_media {
    hash $arg_eventId consistent;
${p.nodes.map((n) => `    server ${n} max_fails=3 fail_timeout=10s;`).join("\n")}
  }

  server {
    listen ${p.listenAddress ?? "0.0.0.0"}:${p.listenPort};

    location / {
      proxy_pass http://limelight_media;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $limelight_connection;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout ${idle}s;
      proxy_send_timeout ${idle}s;
      proxy_buffering off;
    }
  }
}
`;
}
