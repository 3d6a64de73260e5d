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
 * A tick that throws is logged; one that runs past AUTOSCALER_TICK_DEADLINE_MS
 * is abandoned (its fence refuses every later side effect) and logged; the
 * next tick is scheduled either way.
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
import { TickFence } from "./fleet/tick-fence";
import { withDeadline, type DeadlineOutcome } from "./reconcile/with-deadline";
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

/** One pass of the loop: take the lease when not held, then tick under this pass's fence. Throws what the tick throws. */
async function pass(fence: TickFence): Promise<void> {
  if (!lease.held) {
    const took = await lease.acquire();
    if (fence.abandoned) return; // a pass abandoned at its deadline changes no role
    if (took) lease.startRenewing(() => setRole("lost"));
    setRole(took ? "leader" : "standby");
    if (!took) lastProgressAt = Date.now();
  }
  if (lease.held && !stopping) {
    await runTick({ ...ctx, fence });
    if (fence.abandoned) return; // late: its progress is not the loop's
    lastTickAt = lastProgressAt = Date.now();
    ctx.metrics.lastTickSuccess.set(lastTickAt / 1000);
  }
}

/** Logs how a pass ended; never throws (the loop must go on). */
function report(outcome: DeadlineOutcome<void>, fence: TickFence, work: Promise<void>): void {
  try {
    if (outcome.kind === "done") return;
    if (outcome.kind === "deadline") {
      fence.revoke(`the tick passed its ${e.AUTOSCALER_TICK_DEADLINE_MS} ms deadline and was abandoned`);
      ctx.metrics.ticks.inc({ outcome: "deadline" });
      ctx.log.error({ deadlineMs: e.AUTOSCALER_TICK_DEADLINE_MS }, "tick passed its deadline: abandoned (its later side effects are refused); the next tick starts on schedule");
      work.then(
        () => ctx.log.warn("the abandoned tick ended"),
        (err: unknown) => ctx.log.warn({ err: (err as Error).message }, "the abandoned tick stopped"),
      );
      return;
    }
    const err = outcome.error;
    if (err instanceof LeaseLostError) {
      setRole("lost");
      ctx.log.warn({ err: err.message }, "lease lost; the tick stopped before its next side effect");
    } else {
      ctx.metrics.ticks.inc({ outcome: "error" });
      ctx.log.error({ err }, "tick failed");
    }
  } catch (err) {
    process.stderr.write(`autoscaler: could not report a tick: ${String(err)}\n`);
  }
}

/**
 * One pass every AUTOSCALER_TICK_MS, never two acting at once. A pass that throws is
 * logged; one that hangs is abandoned at AUTOSCALER_TICK_DEADLINE_MS (its
 * fence revoked) and logged; either way the next pass is scheduled.
 */
async function loop(): Promise<void> {
  while (!stopping) {
    const started = Date.now();
    const fence = new TickFence(lease);
    const work = pass(fence);
    report(await withDeadline(work, e.AUTOSCALER_TICK_DEADLINE_MS), fence, work);
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
