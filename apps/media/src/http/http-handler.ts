/**
 * Plain HTTP routes of the media node (socket.io shares the server):
 *   GET /health                        → 200 {ok: true, status: "ok", kms:[{url, connected, shows, error}], frozenPrograms: []};
 *                                        200 {ok: true, status: "degraded", reason, kms, frozenPrograms:[{eventId,
 *                                        frozenSince (ISO 8601), frozenForMs}]} when a live show's program has had no
 *                                        video flowing for PROGRAM_FROZEN_MS; 503 {ok: false, status: "down", reason,
 *                                        kms, frozenPrograms} when no configured media server is usable (unreachable,
 *                                        or hung past the watchdog timeout).
 *                                        Why a frozen program is 200 "degraded", not 503: it is one show's fault
 *                                        (a host's camera, an injected video, the Composite), not the node's;
 *                                        a load balancer that pulled the node on 503 would cut every other show
 *                                        and every new viewer of it. Monitoring alerts on `status` (or the
 *                                        limelight_media_frozen_programs gauge of /metrics); the admin's
 *                                        Media page shows the frozen shows.
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
import { type KmsPool, type PoolHealth } from "../kurento/kms-pool";
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

/** What /health answers (see the module doc). */
export interface NodeHealth {
  ok: boolean;
  status: "ok" | "degraded" | "down";
  reason?: string;
  kms: PoolHealth["kms"];
  frozenPrograms: Array<{ eventId: string; frozenSince: string; frozenForMs: number }>;
}

/** The media node's health: its media servers (503 when none is usable) and its live programs (degraded when one is frozen). */
export function nodeHealth(deps: Pick<HttpDeps, "pool" | "registry">): NodeHealth {
  const pool = deps.pool.health();
  const frozen = deps.registry.frozenPrograms();
  const frozenPrograms = frozen.map((f) => ({ eventId: f.eventId, frozenSince: new Date(f.frozenSince).toISOString(), frozenForMs: f.frozenForMs }));
  if (!pool.ok) return { ok: false, status: "down", reason: pool.reason, kms: pool.kms, frozenPrograms };
  if (frozen.length > 0) {
    const shows = frozen.map((f) => `${f.eventId} (${Math.round(f.frozenForMs / 1000)} s)`).join(", ");
    return { ok: true, status: "degraded", reason: `Program frozen (no video flowing) in: ${shows}`, kms: pool.kms, frozenPrograms };
  }
  return { ok: true, status: "ok", kms: pool.kms, frozenPrograms };
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
          const health = nodeHealth(deps);
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
