import { createDb, type Db } from "@limelight/db";
import { hourlyCostCents } from "@limelight/domain/scaling/billing";
import { scalingConfigSchema, type ScalingConfig } from "@limelight/domain/scaling/config";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import { DbDemandSource } from "./demand/db-demand-source";
import { MediaStatsClient } from "./demand/media-stats-client";
import { type AutoscalerEnv } from "./env";
import { HlsEdgeProber } from "./health/hls-probe";
import { AutoscalerMetrics } from "./metrics/autoscaler-metrics";
import { type EdgeProvider } from "./providers/edge-provider";
import { LocalProvider } from "./providers/local/local-provider";
import { edgeLabelPattern } from "./fleet/edge-label";
import { NoFence, type Fence } from "./fleet/lease";
import { FleetCertificateRenewer } from "./acme/certificate-renewer";
import { type FleetCertificate } from "./acme/fleet-certificate";
import { createVultrRestClient } from "./providers/vultr/vultr-rest-client";
import { renderEdgeCloudInit } from "../../../infra/cloud-init/render-edge-cloud-init";
import { VultrEdgeDns } from "./providers/vultr/vultr-edge-dns";
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
    forecastWindowMs: e.SCALING_FORECAST_WINDOW_MS,
    forecastLeadMs: e.SCALING_FORECAST_LEAD_MS,
    drainBeforeHourEndMs: e.SCALING_DRAIN_BEFORE_HOUR_END_MS,
    deleteBeforeHourEndMs: e.SCALING_DELETE_BEFORE_HOUR_END_MS,
    // Local edges are free: no paid hour to wait for.
    hourlyBilling: edgeHourlyCents > 0,
  });
}

/**
 * The provider chosen by AUTOSCALER_PROVIDER; with EDGE_DNS_DOMAIN, Vultr
 * edges are TLS edges (A records in Vultr DNS; the fleet's wildcard
 * certificate from `fleet` in their user data, else certbot on the edge).
 * `log` hears about DNS failures that are retried later. Throws when Vultr is
 * chosen without VULTR_API_KEY, when EDGE_DNS_DOMAIN comes without
 * EDGE_ACME_EMAIL or with EDGE_HTTP_PORT other than 80, or with the local provider.
 */
export function providerFrom(e: AutoscalerEnv, log?: Logger, fleet?: FleetCertificateHolder): EdgeProvider {
  if (e.EDGE_DNS_DOMAIN && e.AUTOSCALER_PROVIDER !== "vultr") throw new Error("EDGE_DNS_DOMAIN needs AUTOSCALER_PROVIDER=vultr (local edges are plain HTTP)");
  if (e.AUTOSCALER_PROVIDER === "vultr") {
    if (!e.VULTR_API_KEY) throw new Error("VULTR_API_KEY is required with AUTOSCALER_PROVIDER=vultr");
    // Our own fetch client for the calls we make: @vultr/vultr-node hides status codes and Retry-After.
    const client: VultrClient = createVultrRestClient({ apiKey: e.VULTR_API_KEY, baseUrl: e.VULTR_API_URL, timeoutMs: e.VULTR_CALL_TIMEOUT_MS });
    const call = {
      gate: new VultrGate(e.VULTR_MAX_REQUESTS_PER_SECOND),
      timeoutMs: e.VULTR_CALL_TIMEOUT_MS,
      rateLimitBackoffMs: e.VULTR_RATE_LIMIT_BACKOFF_MS,
      retryBackoffMs: 500,
      maxAttempts: 5,
    };
    const domain = e.EDGE_DNS_DOMAIN;
    let tls: { dns: VultrEdgeDns; acmeEmail: string } | undefined;
    if (domain) {
      if (!e.EDGE_ACME_EMAIL) throw new Error("EDGE_ACME_EMAIL is required with EDGE_DNS_DOMAIN");
      if (e.EDGE_HTTP_PORT !== 80) throw new Error("EDGE_HTTP_PORT must be 80 with EDGE_DNS_DOMAIN (Let's Encrypt's http-01 challenge)");
      const dns = new VultrEdgeDns(client.dns, { domain, ttlSeconds: e.EDGE_DNS_TTL_SECONDS, ownedName: edgeLabelPattern(e.AUTOSCALER_ENV), call });
      tls = { dns, acmeEmail: e.EDGE_ACME_EMAIL };
      if (fleet) fleet.dns = dns;
    }
    const cloudInit = (label?: string) =>
      renderEdgeCloudInit({
        listenPort: e.EDGE_HTTP_PORT,
        origin: e.EDGE_ORIGIN,
        tokenSecret: e.EDGE_TOKEN_SECRET,
        ...(tls && label
          ? { tls: { hostname: tls.dns.hostname(label), acmeEmail: tls.acmeEmail, ...(fleet?.current ? { fleetCertificate: fleet.current } : {}) } }
          : {}),
      });
    return new VultrProvider(client, {
      region: e.VULTR_REGION,
      plan: e.VULTR_PLAN,
      osId: e.VULTR_OS_ID,
      hourlyCostCents: hourlyCostCents(e.VULTR_PLAN_MONTHLY_CENTS),
      environment: e.AUTOSCALER_ENV,
      edgePort: e.EDGE_HTTP_PORT,
      userData: tls ? (label: string) => cloudInit(label) : cloudInit(),
      call,
      ...(tls ? { dns: tls.dns, onDnsError: (message: string) => log?.warn({ err: message }, "edge DNS record not in place yet; retried next tick") } : {}),
    });
  }
  return new LocalProvider({
    edgesDir: resolve(e.LOCAL_EDGES_DIR),
    scriptsDir: join(repoRoot, "infra", "scripts"),
    origin: e.EDGE_ORIGIN,
    tokenSecret: e.EDGE_TOKEN_SECRET,
  });
}

/** The fleet certificate new TLS edges get at boot (set by the renewer), and the DNS zone client it is issued through. */
export interface FleetCertificateHolder {
  current: FleetCertificate | null;
  dns?: VultrEdgeDns;
}

/**
 * Builds the tick context from the environment; `fence` makes the lease the
 * tick acts under from the database client (default NoFence: one process,
 * e.g. a one-off tick). `close()` disconnects the database.
 */
export function buildContext(e: AutoscalerEnv, fence: (db: Db) => Fence = (db) => new NoFence(db)): { ctx: TickContext; close: () => Promise<void> } {
  const log = pino({ level: e.LOG_LEVEL, base: { app: "autoscaler" } });
  const db = createDb(e.DATABASE_URL);
  const fleet: FleetCertificateHolder = { current: null };
  const provider = providerFrom(e, log, fleet);
  const fenceOfDb = fence(db);
  const ctx: TickContext = {
    db,
    provider,
    health: new HlsEdgeProber({ timeoutMs: e.EDGE_HEALTH_TIMEOUT_MS, origin: e.EDGE_ORIGIN, tokenSecret: e.EDGE_TOKEN_SECRET }),
    demand: new DbDemandSource(db, new MediaStatsClient(e.MEDIA_INTERNAL_URL, e.INTERNAL_API_SECRET), { leadTimeMs: e.SCALING_LEAD_TIME_MS, rushWindowMs: e.SCALING_RUSH_WINDOW_MS }, log),
    config: scalingConfigFrom(e, provider.hourlyCostCents),
    options: {
      environment: e.AUTOSCALER_ENV,
      unhealthyAfter: e.EDGE_UNHEALTHY_AFTER,
      bootTimeoutMs: e.EDGE_BOOT_TIMEOUT_MS,
      createGraceMs: e.EDGE_CREATE_GRACE_MS,
      orphanGraceMs: e.ORPHAN_GRACE_MS,
      maxCreatesPerMinute: e.AUTOSCALER_MAX_CREATES_PER_MINUTE,
    },
    fence: fenceOfDb,
    log,
    metrics: new AutoscalerMetrics(),
    now: () => Date.now(),
  };
  if (fleet.dns && e.EDGE_DNS_DOMAIN && e.EDGE_ACME_EMAIL && e.EDGE_CERTIFICATES === "fleet") {
    const renewer = new FleetCertificateRenewer(db, fenceOfDb, { zone: e.EDGE_DNS_DOMAIN, email: e.EDGE_ACME_EMAIL, directoryUrl: e.ACME_DIRECTORY_URL, dns: fleet.dns }, log);
    // A slow or unreachable ACME server never holds a tick for more than 20 s: the renewal goes on in the background.
    let inFlight: Promise<void> | undefined;
    ctx.certificates = {
      renew: async (now) => {
        inFlight ??= renewer
          .renew(now)
          .catch((err: unknown) => log.warn({ err: (err as Error).message }, "fleet certificate renewal stopped"))
          .finally(() => {
            fleet.current = renewer.current;
            inFlight = undefined;
          });
        await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
        fleet.current = renewer.current;
      },
    };
  }
  return { ctx, close: () => db.$disconnect() };
}
