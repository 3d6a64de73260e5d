/**
 * The autoscaler process: one reconciliation tick every AUTOSCALER_TICK_MS
 * (never two at once), Prometheus metrics at GET /metrics and its own health
 * at GET /healthz on AUTOSCALER_METRICS_HOST:AUTOSCALER_METRICS_PORT.
 * Only the holder of the AutoscalerLease ticks; others wait on standby and
 * take over when it expires or is released. The lease is renewed in the
 * background every third of AUTOSCALER_LEASE_TTL_MS, independently of ticks;
 * every write and provider call of a tick is fenced by its token.
 * /healthz answers 503 when the last successful tick (standby: the last lease
 * check) is older than 3 ticks, or when the lease was lost mid-tick.
 * SIGTERM/SIGINT stop the loop, give the current tick at most 7 s, release the
 * lease (which also stops that tick before its next side effect) and exit 0
 * within 10 s; edges keep running and are adopted by the next start.
 */
import { createServer } from "node:http";
import { resolve } from "node:path";
import { loadOrExit } from "@limelight/config";
import { env } from "./env";
import { loadHolderId } from "./fleet/holder-id";
import { Lease, LeaseLostError } from "./fleet/lease";
import { runTick } from "./reconcile/run-tick";
import { buildContext } from "./wire";

// An unsafe or invalid configuration stops the process here with one line naming the variable.
const e = loadOrExit(env);
const holder = loadHolderId(resolve(e.AUTOSCALER_HOLDER_ID_FILE));
let lease!: Lease;
const { ctx, close } = buildContext(e, (db) => (lease = new Lease(db, holder, e.AUTOSCALER_LEASE_TTL_MS)));
let stopping = false;
let role: "starting" | "leader" | "standby" | "lost" = "starting";
let lastProgressAt = Date.now();
let lastTickAt = 0;
const staleAfterMs = 3 * e.AUTOSCALER_TICK_MS;

function setRole(next: typeof role): void {
  if (next !== role) ctx.log.info({ holder: lease.holder, role: next, token: lease.token }, `autoscaler role: ${next}`);
  role = next;
  ctx.metrics.leaseHolder.set({ holder: lease.holder }, next === "leader" ? 1 : 0);
  ctx.metrics.leaseToken.set(next === "leader" ? (lease.token ?? 0) : 0);
}

/** The truth about this process: 503 when it is stuck or lost its lease. */
function health(): { status: number; body: Record<string, unknown> } {
  const ageMs = Date.now() - lastProgressAt;
  const ok = role !== "lost" && role !== "starting" && ageMs <= staleAfterMs;
  const body = { ok, role, holder: lease.holder, token: lease.token, lastTickAt: lastTickAt || null, lastProgressAgeMs: ageMs, staleAfterMs };
  return { status: ok ? 200 : 503, body };
}

const server = createServer((req, res) => {
  if (req.url === "/metrics") {
    ctx.metrics.registry
      .metrics()
      .then((text) => res.writeHead(200, { "content-type": ctx.metrics.registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
    return;
  }
  if (req.url === "/healthz") {
    const { status, body } = health();
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    return;
  }
  res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found" } }));
});
server.listen(e.AUTOSCALER_METRICS_PORT, e.AUTOSCALER_METRICS_HOST, () => {
  ctx.log.info({ port: e.AUTOSCALER_METRICS_PORT, provider: ctx.provider.name, tickMs: e.AUTOSCALER_TICK_MS, holder: lease.holder }, "autoscaler started");
});

let wake: () => void = () => undefined;
const pause = (ms: number) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    wake = () => {
      clearTimeout(timer);
      done();
    };
  });

async function loop(): Promise<void> {
  while (!stopping) {
    const started = Date.now();
    try {
      if (!lease.held) {
        const took = await lease.acquire();
        if (took) lease.startRenewing(() => setRole("lost"));
        setRole(took ? "leader" : "standby");
        if (!took) lastProgressAt = Date.now();
      }
      if (lease.held && !stopping) {
        await runTick(ctx);
        lastTickAt = lastProgressAt = Date.now();
        ctx.metrics.lastTickSuccess.set(lastTickAt / 1000);
      }
    } catch (err) {
      if (err instanceof LeaseLostError) {
        setRole("lost");
        ctx.log.warn({ err: err.message }, "lease lost; the tick stopped before its next side effect");
      } else {
        ctx.metrics.ticks.inc({ outcome: "error" });
        ctx.log.error({ err }, "tick failed");
      }
    }
    if (!stopping) await pause(Math.max(0, e.AUTOSCALER_TICK_MS - (Date.now() - started)));
  }
}

const done = loop();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    wake();
    ctx.log.info({ signal }, "stopping: the current tick gets 7 s");
    setTimeout(() => process.exit(0), 9_500).unref();
    const grace = new Promise((r) => setTimeout(r, 7_000).unref());
    void Promise.race([done, grace]).then(async () => {
      server.close();
      await lease.release().catch(() => undefined);
      await close().catch(() => undefined);
      process.exit(0);
    });
  });
}
