import { type Db } from "@limelight/db";
import { createEvent, createUser } from "@limelight/db/seed/factories";
import { defaultScalingConfig, type ScalingConfig } from "@limelight/domain/scaling/config";
import { join } from "node:path";
import { type FakeVultr } from "@limelight/fake-vultr";
import { repoRoot, spawnLogged, type Spawned } from "@limelight/testkit";
import { pino } from "pino";
import { DbDemandSource } from "../src/demand/db-demand-source";
import { HttpHealthChecker } from "../src/health/http-health-checker";
import { NoFence } from "../src/fleet/lease";
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
    // Scale-in at once (no paid hour to wait for) unless a test asks for billing-aware scale-in.
    // The reconciler tests were written for 80 % edges and a 15 min pre-warm; policy defaults are tested in packages/domain.
    config: { ...defaultScalingConfig, webrtcViewersPerShow: 0, scaleInCooldownMs: 0, stabilisationWindowMs: 0, hourlyBilling: false, headroom: 0.2, scaleInUtilisation: 0.6, leadTimeMs: 15 * 60_000, ...config },
    options: { environment: "test", unhealthyAfter: 1, bootTimeoutMs: 60_000, createGraceMs: 2_000, orphanGraceMs: 1_000, maxCreatesPerMinute: 100, ...options },
    fence: new NoFence(db),
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
      // 80 % edges, 15 min pre-warm, and scale-in without waiting for paid hours to end (tests of the reconciler, not of the policy).
      SCALING_HEADROOM: "0.2",
      SCALING_SCALE_IN_UTILISATION: "0.6",
      SCALING_LEAD_TIME_MS: "900000",
      SCALING_DRAIN_BEFORE_HOUR_END_MS: "3600000",
      SCALING_DELETE_BEFORE_HOUR_END_MS: "3600000",
      // TLS edges get their certificates from certbot on the edge, unless a test gives Pebble for a fleet certificate.
      EDGE_CERTIFICATES: "per-edge",
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
