/**
 * Plain HTTP routes of the media node (socket.io shares the server):
 *   GET /health                        → 200 {ok: true, kms:[{url, connected, shows, error}]}, or 503
 *                                        {ok: false, reason, kms} when no configured media server is usable
 *                                        (unreachable, or hung past the watchdog timeout)
 *   GET /metrics                       → Prometheus text format
 *   GET /internal/stats                → {shows: ShowStats[]}            (x-internal-secret)
 *   GET /internal/shows/:eventId/stats → {eventId, live, webrtcViewers, hosts, injectedVideos} (x-internal-secret)
 * Errors are JSON `{error:{code,message}}` with the AppError status.
 * Requests under /socket.io/ (WebSocket upgrades and HTTP long-polling) are
 * left to socket.io, which listens on the same server.
 */
import { type IncomingMessage, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { AppError, httpStatusFor, toErrorBody } from "@limelight/domain";
import { type ShowRegistry } from "../show/show-registry";
import { type KmsPool } from "../kurento/kms-pool";
import { type MediaMetrics } from "./metrics";

/** Dependencies of the HTTP routes. */
export interface HttpDeps {
  registry: ShowRegistry;
  pool: KmsPool;
  metrics: MediaMetrics;
  internalSecret: string;
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** decodeURIComponent that answers a malformed percent-escape with BAD_REQUEST instead of a URIError (500). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppError("BAD_REQUEST", "Malformed percent-escape in the path");
  }
}

/** Path prefix of socket.io's engine (https://socket.io/docs/v4/server-options/#path). */
const SOCKET_IO_PATH = "/socket.io/";

/** Handles a request of ours; leaves socket.io's (under /socket.io/) untouched. */
export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://media.local");
    if (url.pathname.startsWith(SOCKET_IO_PATH)) return;
    void (async () => {
      try {
        if (req.method !== "GET") throw new AppError("NOT_FOUND", "Not found");
        if (url.pathname === "/health") {
          const health = deps.pool.health();
          return json(res, health.ok ? 200 : 503, health);
        }
        if (url.pathname === "/metrics") {
          res.writeHead(200, { "content-type": deps.metrics.registry.contentType });
          return res.end(await deps.metrics.registry.metrics());
        }
        if (url.pathname.startsWith("/internal/")) {
          if (!sameSecret(req.headers["x-internal-secret"], deps.internalSecret)) throw new AppError("UNAUTHENTICATED", "Missing or wrong x-internal-secret");
          if (url.pathname === "/internal/stats") return json(res, 200, { shows: deps.registry.allStats() });
          const m = /^\/internal\/shows\/([^/]+)\/stats$/.exec(url.pathname);
          if (m?.[1]) return json(res, 200, deps.registry.stats(decodePathSegment(m[1])));
        }
        throw new AppError("NOT_FOUND", "Not found");
      } catch (error) {
        json(res, httpStatusFor(error), toErrorBody(error));
      }
    })();
  };
}
