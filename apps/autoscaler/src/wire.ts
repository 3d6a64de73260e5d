import { createDb } from "@limelight/db";
import { hourlyCostCents } from "@limelight/domain/scaling/billing";
import { scalingConfigSchema, type ScalingConfig } from "@limelight/domain/scaling/config";
import { initialize } from "@vultr/vultr-node";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { DbDemandSource } from "./demand/db-demand-source";
import { MediaStatsClient } from "./demand/media-stats-client";
import { type AutoscalerEnv } from "./env";
import { HttpHealthChecker } from "./health/http-health-checker";
import { AutoscalerMetrics } from "./metrics/autoscaler-metrics";
import { type EdgeProvider } from "./providers/edge-provider";
import { LocalProvider } from "./providers/local/local-provider";
import { renderEdgeCloudInit } from "./providers/vultr/cloud-init";
import { VultrGate } from "./providers/vultr/vultr-gate";
import { VultrProvider, type VultrClient } from "./providers/vultr/vultr-provider";
import { type TickContext } from "./reconcile/tick-context";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The scaling policy's configuration from the environment. Throws on invalid values. */
export function scalingConfigFrom(e: AutoscalerEnv, edgeHourlyCents: number): ScalingConfig {
  return scalingConfigSchema.parse({
    viewersPerEdge: e.SCALING_VIEWERS_PER_EDGE,
    headroom: e.SCALING_HEADROOM,
    scaleInUtilisation: e.SCALING_SCALE_IN_UTILISATION,
    webrtcViewersPerShow: e.WEBRTC_VIEWER_THRESHOLD,
    expectedAttendance: e.SCALING_EXPECTED_ATTENDANCE,
    leadTimeMs: e.SCALING_LEAD_TIME_MS,
    rushWindowMs: e.SCALING_RUSH_WINDOW_MS,
    minEdges: e.SCALING_MIN_EDGES,
    maxEdges: e.SCALING_MAX_EDGES,
    budgetCentsPerHour: e.SCALING_BUDGET_CENTS_PER_HOUR,
    // Local edges cost nothing; the budget still caps them as if they cost one Vultr plan.
    hourlyCostCents: edgeHourlyCents > 0 ? edgeHourlyCents : hourlyCostCents(e.VULTR_PLAN_MONTHLY_CENTS),
    scaleInCooldownMs: e.SCALING_SCALE_IN_COOLDOWN_MS,
    stabilisationWindowMs: e.SCALING_STABILISATION_WINDOW_MS,
    scaleInStep: e.SCALING_SCALE_IN_STEP,
    maxDrainMs: e.SCALING_MAX_DRAIN_MS,
  });
}

/** The provider chosen by AUTOSCALER_PROVIDER. Throws when Vultr is chosen without VULTR_API_KEY. */
export function providerFrom(e: AutoscalerEnv): EdgeProvider {
  if (e.AUTOSCALER_PROVIDER === "vultr") {
    if (!e.VULTR_API_KEY) throw new Error("VULTR_API_KEY is required with AUTOSCALER_PROVIDER=vultr");
    const client = initialize({ apiKey: e.VULTR_API_KEY, baseUrl: e.VULTR_API_URL }) as unknown as VultrClient;
    return new VultrProvider(client, {
      region: e.VULTR_REGION,
      plan: e.VULTR_PLAN,
      osId: e.VULTR_OS_ID,
      hourlyCostCents: hourlyCostCents(e.VULTR_PLAN_MONTHLY_CENTS),
      environment: e.AUTOSCALER_ENV,
      edgePort: e.EDGE_HTTP_PORT,
      userData: renderEdgeCloudInit({ listenPort: e.EDGE_HTTP_PORT, origin: e.EDGE_ORIGIN, tokenSecret: e.EDGE_TOKEN_SECRET }),
      call: {
        gate: new VultrGate(e.VULTR_MAX_REQUESTS_PER_SECOND),
        timeoutMs: e.VULTR_CALL_TIMEOUT_MS,
        rateLimitBackoffMs: e.VULTR_RATE_LIMIT_BACKOFF_MS,
        retryBackoffMs: 500,
        maxAttempts: 5,
      },
    });
  }
  return new LocalProvider({
    edgesDir: resolve(e.LOCAL_EDGES_DIR),
    scriptsDir: join(repoRoot, "infra", "scripts"),
    origin: e.EDGE_ORIGIN,
    tokenSecret: e.EDGE_TOKEN_SECRET,
  });
}

/** Builds the tick context from the environment; `close()` disconnects the database. */
export function buildContext(e: AutoscalerEnv): { ctx: TickContext; close: () => Promise<void> } {
  const log = pino({ level: e.LOG_LEVEL, base: { app: "autoscaler" } });
  const db = createDb(e.DATABASE_URL);
  const provider = providerFrom(e);
  const ctx: TickContext = {
    db,
    provider,
    health: new HttpHealthChecker(e.EDGE_HEALTH_TIMEOUT_MS),
    demand: new DbDemandSource(db, new MediaStatsClient(e.MEDIA_INTERNAL_URL, e.INTERNAL_API_SECRET), { leadTimeMs: e.SCALING_LEAD_TIME_MS, rushWindowMs: e.SCALING_RUSH_WINDOW_MS }, log),
    config: scalingConfigFrom(e, provider.hourlyCostCents),
    options: {
      environment: e.AUTOSCALER_ENV,
      unhealthyAfter: e.EDGE_UNHEALTHY_AFTER,
      bootTimeoutMs: e.EDGE_BOOT_TIMEOUT_MS,
      createGraceMs: e.EDGE_CREATE_GRACE_MS,
      orphanGraceMs: e.ORPHAN_GRACE_MS,
    },
    log,
    metrics: new AutoscalerMetrics(),
    now: () => Date.now(),
  };
  return { ctx, close: () => db.$disconnect() };
}
