/**
 * The autoscaler process: one reconciliation tick every AUTOSCALER_TICK_MS
 * (never two at once), Prometheus metrics at GET /metrics and its own
 * liveness at GET /healthz on AUTOSCALER_METRICS_HOST:AUTOSCALER_METRICS_PORT.
 * Only the holder of the AutoscalerLease ticks; others wait on standby and
 * take over when it expires (4 ticks, at least 60 s) or is released.
 * SIGTERM/SIGINT finish the current tick, release the lease and exit; edges
 * keep running and are adopted by the next start.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { hostname } from "node:os";
import { loadOrExit } from "@limelight/config";
import { env } from "./env";
import { acquireLease, releaseLease } from "./fleet/lease";
import { runTick } from "./reconcile/run-tick";
import { buildContext } from "./wire";

// An unsafe or invalid configuration stops the process here with one line naming the variable.
const e = loadOrExit(env);
const { ctx, close } = buildContext(e);
let stopping = false;
let lastTickAt = 0;
let leader = false;
const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
const leaseTtlMs = Math.max(60_000, 4 * e.AUTOSCALER_TICK_MS);
ctx.renewLease = () => acquireLease(ctx.db, holder, leaseTtlMs, Date.now());

const server = createServer((req, res) => {
  if (req.url === "/metrics") {
    ctx.metrics.registry
      .metrics()
      .then((text) => res.writeHead(200, { "content-type": ctx.metrics.registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
    return;
  }
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, leader, lastTickAt }));
    return;
  }
  res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found" } }));
});
server.listen(e.AUTOSCALER_METRICS_PORT, e.AUTOSCALER_METRICS_HOST, () => {
  ctx.log.info({ port: e.AUTOSCALER_METRICS_PORT, provider: ctx.provider.name, tickMs: e.AUTOSCALER_TICK_MS }, "autoscaler started");
});

async function loop(): Promise<void> {
  while (!stopping) {
    const started = Date.now();
    try {
      const wasLeader = leader;
      leader = await acquireLease(ctx.db, holder, leaseTtlMs, Date.now());
      if (leader !== wasLeader) ctx.log.info({ holder, leader }, leader ? "holding the autoscaler lease" : "standby: another autoscaler holds the lease");
      if (leader) {
        await runTick(ctx);
        lastTickAt = Date.now();
      }
    } catch (err) {
      ctx.metrics.ticks.inc({ outcome: "error" });
      ctx.log.error({ err }, "tick failed");
    }
    const wait = Math.max(0, e.AUTOSCALER_TICK_MS - (Date.now() - started));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

const done = loop();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    stopping = true;
    ctx.log.info({ signal }, "stopping after the current tick");
    setTimeout(() => process.exit(1), 30_000).unref();
    void done.then(async () => {
      server.close();
      await releaseLease(ctx.db, holder).catch(() => undefined);
      await close();
      process.exit(0);
    });
  });
}
