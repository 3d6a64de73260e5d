import { type Db } from "@limelight/db";
import { createEvent, createUser } from "@limelight/db/seed/factories";
import { defaultScalingConfig, type ScalingConfig } from "@limelight/domain/scaling/config";
import { join } from "node:path";
import { type FakeVultr } from "@limelight/fake-vultr";
import { repoRoot, spawnLogged, type Spawned } from "@limelight/testkit";
import { pino } from "pino";
import { DbDemandSource } from "../src/demand/db-demand-source";
import { HttpHealthChecker } from "../src/health/http-health-checker";
import { AutoscalerMetrics } from "../src/metrics/autoscaler-metrics";
import { type EdgeProvider } from "../src/providers/edge-provider";
import { type ReconcileOptions, type TickContext } from "../src/reconcile/tick-context";

/** A show with `tickets` valid tickets (one buyer, many tickets), on sale or live. */
export async function seedShow(db: Db, options: { startsInMs: number; tickets: number; status?: "on_sale" | "live" }) {
  const { user } = await createUser(db);
  const event = await createEvent(db, { status: options.status ?? "on_sale", startsAt: new Date(Date.now() + options.startsInMs), capacity: options.tickets });
  await db.ticket.createMany({
    data: Array.from({ length: options.tickets }, () => ({ eventId: event.id, userId: user.id, source: "comp", amountCents: 0, currency: "usd" })),
  });
  return event;
}

/** A tick context over real parts (DB demand, HTTP health checks) for `provider`. */
export function testContext(db: Db, provider: EdgeProvider, config: Partial<ScalingConfig> = {}, options: Partial<ReconcileOptions> = {}): TickContext {
  const log = pino({ level: "silent" });
  return {
    db,
    provider,
    health: new HttpHealthChecker(1_000),
    demand: new DbDemandSource(db, null, { leadTimeMs: 15 * 60_000, rushWindowMs: 20 * 60_000 }, log),
    config: { ...defaultScalingConfig, webrtcViewersPerShow: 0, scaleInCooldownMs: 0, stabilisationWindowMs: 0, ...config },
    options: { environment: "test", unhealthyAfter: 1, bootTimeoutMs: 60_000, createGraceMs: 2_000, orphanGraceMs: 1_000, ...options },
    log,
    metrics: new AutoscalerMetrics(),
    now: () => Date.now(),
  };
}

/**
 * Starts the real autoscaler (`apps/autoscaler/src/main.ts` under tsx, its own
 * process group) against the fake Vultr API and the SQLite database `dbUrl`,
 * environment "test", a 300 ms tick and /metrics on `metricsPort`; `env` adds
 * or overrides variables.
 */
export function spawnAutoscaler(fake: FakeVultr, dbUrl: string, metricsPort: number, env: Record<string, string>): Spawned {
  return spawnLogged(join(repoRoot(), "node_modules", ".bin", "tsx"), [join(repoRoot(), "apps", "autoscaler", "src", "main.ts")], {
    cwd: join(repoRoot(), "apps", "autoscaler"),
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      LOG_LEVEL: "info",
      AUTOSCALER_PROVIDER: "vultr",
      AUTOSCALER_ENV: "test",
      AUTOSCALER_TICK_MS: "300",
      AUTOSCALER_METRICS_PORT: String(metricsPort),
      VULTR_API_KEY: fake.apiKey,
      VULTR_API_URL: fake.baseUrl,
      WEBRTC_VIEWER_THRESHOLD: "0",
      MEDIA_INTERNAL_URL: "http://127.0.0.1:9",
      ...env,
    },
  });
}

/** SIGKILLs a spawned autoscaler's whole process group (tsx runs it in a child node process) and waits for it to exit. */
export async function killAutoscaler(child: Spawned): Promise<void> {
  process.kill(-child.child.pid!, "SIGKILL");
  await new Promise<void>((resolve) => (child.child.exitCode !== null || child.child.signalCode !== null ? resolve() : child.child.once("exit", () => resolve())));
}
