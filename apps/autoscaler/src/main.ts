/**
 * The autoscaler process: one reconciliation tick every AUTOSCALER_TICK_MS
 * (never two at once), Prometheus metrics at GET /metrics and its own
 * liveness at GET /healthz on AUTOSCALER_METRICS_HOST:AUTOSCALER_METRICS_PORT.
 * SIGTERM/SIGINT finish the current tick and exit; edges keep running and are
 * adopted by the next start.
 */
import { createServer } from "node:http";
import { env } from "./env";
import { runTick } from "./reconcile/run-tick";
import { buildContext } from "./wire";

const e = env();
const { ctx, close } = buildContext(e);
let stopping = false;
let lastTickAt = 0;

const server = createServer((req, res) => {
  if (req.url === "/metrics") {
    ctx.metrics.registry
      .metrics()
      .then((text) => res.writeHead(200, { "content-type": ctx.metrics.registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
    return;
  }
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, lastTickAt }));
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
      await runTick(ctx);
      lastTickAt = Date.now();
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
      await close();
      process.exit(0);
    });
  });
}
