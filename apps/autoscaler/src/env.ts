/**
 * The autoscaler's configuration, parsed once from the process environment
 * with zod. Nothing else in apps/autoscaler reads process.env. Defaults run the
 * embedded demo: SQLite, Local provider (real nginx edges on this machine).
 */
import { z } from "zod";
import { assertProductionSafe, secretProblem, type FailClosedSpec } from "@limelight/config";

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /**
   * "true": a production build that serves this machine only (demo, tests, benchmarks). Development
   * secrets are then accepted, but only while every public URL is a loopback address.
   */
  LOCAL_ONLY: z.enum(["true", "false"]).default("false"),
  /** file: (SQLite, embedded default) or postgres:// URL. */
  DATABASE_URL: z.string().default("file:../../.data/limelight.db"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** "local" (nginx edges on this machine, the default) or "vultr". */
  AUTOSCALER_PROVIDER: z.enum(["local", "vultr"]).default("local"),
  /** Environment name, written as a tag on every instance ("limelight-env-<name>"). */
  AUTOSCALER_ENV: z.string().regex(/^[a-z0-9-]{1,32}$/).default("dev"),
  /** Time between ticks, ms. */
  AUTOSCALER_TICK_MS: ms(15_000),
  /**
   * Longest a tick (or a lease check) may run, ms: past it the tick is abandoned (its later
   * side effects are refused), logged, and the next tick starts on schedule. /healthz is 503
   * already after 3 ticks without progress.
   */
  AUTOSCALER_TICK_DEADLINE_MS: z.coerce.number().int().min(100).default(300_000),
  /** Port and address of /metrics and /healthz of the autoscaler itself. */
  AUTOSCALER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  AUTOSCALER_METRICS_HOST: z.string().default("127.0.0.1"),
  /** Lifetime of the autoscaler lease, ms; renewed in the background every third of it. */
  AUTOSCALER_LEASE_TTL_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** File keeping this host's lease holder id across restarts (one file per autoscaler process on a host). */
  AUTOSCALER_HOLDER_ID_FILE: z.string().default("../../.data/autoscaler-holder-id"),
  /** Most edge creates started in any 60 s (a runaway loop cannot buy a fleet). */
  AUTOSCALER_MAX_CREATES_PER_MINUTE: z.coerce.number().int().min(1).default(10),

  /** Vultr API v2 key (required with AUTOSCALER_PROVIDER=vultr) and base URL (tests point it at the fake). */
  VULTR_API_KEY: z.string().optional(),
  VULTR_API_URL: z.url().default("https://api.vultr.com/v2"),
  VULTR_REGION: z.string().default("ewr"),
  VULTR_PLAN: z.string().default("vc2-1c-1gb"),
  /** Monthly price of VULTR_PLAN in cents; hourly = monthly ÷ 672. */
  VULTR_PLAN_MONTHLY_CENTS: z.coerce.number().int().positive().default(500),
  /** Operating system id as a string (the client rejects numbers); 2136 = Debian 12 x64. */
  VULTR_OS_ID: z.string().regex(/^[0-9]+$/).default("2136"),
  /** Deadline of every Vultr call, ms (the client has none). */
  VULTR_CALL_TIMEOUT_MS: ms(15_000),
  /** Requests per second we allow ourselves (Vultr answers 429 above 30). */
  VULTR_MAX_REQUESTS_PER_SECOND: z.coerce.number().positive().max(30).default(20),
  /** Back-off after a 429 when Retry-After cannot be read (the client hides headers), ms. */
  VULTR_RATE_LIMIT_BACKOFF_MS: ms(2_000),

  /**
   * TLS edges (Vultr only): a DNS zone managed in Vultr DNS, e.g. "edges.example.com". Each edge
   * gets the A record "<label>.<zone>" and serves HLS at https://<label>.<zone> with a Let's Encrypt
   * certificate. Unset: plain HTTP edges at http://<main_ip>:EDGE_HTTP_PORT.
   */
  EDGE_DNS_DOMAIN: z
    .string()
    .regex(/^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/, "a lower-case DNS zone name such as edges.example.com")
    .optional(),
  /** Let's Encrypt account email of the edges' certificates (required with EDGE_DNS_DOMAIN). */
  EDGE_ACME_EMAIL: z.email().optional(),
  /**
   * ACME directory the fleet's wildcard certificate (*.EDGE_DNS_DOMAIN, DNS-01 through Vultr DNS) is
   * issued from; Let's Encrypt production by default (staging: https://acme-staging-v02.api.letsencrypt.org/directory).
   */
  ACME_DIRECTORY_URL: z.url().default("https://acme-v02.api.letsencrypt.org/directory"),
  /**
   * TLS edges' certificates: "fleet" (one wildcard certificate issued and renewed by the autoscaler,
   * given to edges at boot; docs/acme.md) or "per-edge" (each edge runs certbot for its own name).
   */
  EDGE_CERTIFICATES: z.enum(["fleet", "per-edge"]).default("fleet"),
  /** TTL of the edges' A records, seconds. */
  EDGE_DNS_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(60),
  /** HTTP port the edges listen on (80 on Vultr VMs; must be 80 with EDGE_DNS_DOMAIN). */
  EDGE_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(80),
  /** The origin's HTTP address as host:port, as the edges reach it. */
  EDGE_ORIGIN: z.string().regex(/^[A-Za-z0-9.[\]:-]+:[0-9]{1,5}$/).default("127.0.0.1:8088"),
  /** Shared edge token secret (32–128 of [A-Za-z0-9_-]), the same as the web app signs with. */
  EDGE_TOKEN_SECRET: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/).default("dev-only-edge-token-secret-change-me-0123"),
  EDGE_HEALTH_TIMEOUT_MS: ms(2_000),
  /** Consecutive failed health checks after which a ready edge is replaced. */
  EDGE_UNHEALTHY_AFTER: z.coerce.number().int().positive().default(3),
  /** An edge whose /healthz never answers within this time after creation is replaced, ms. */
  EDGE_BOOT_TIMEOUT_MS: ms(10 * 60_000),
  /** A "creating" intent not found at the provider after this long is abandoned, ms. */
  EDGE_CREATE_GRACE_MS: ms(3 * 60_000),
  /** Tagged instances unknown to the database are deleted once older than this, ms. */
  ORPHAN_GRACE_MS: ms(10 * 60_000),
  /** Folder for Local provider edges (one sub-folder per edge). */
  LOCAL_EDGES_DIR: z.string().default("../../.data/autoscaler-edges"),

  /** apps/media internal API (WebRTC viewers per show) and its shared secret. */
  MEDIA_INTERNAL_URL: z.url().default("http://localhost:4000"),
  INTERNAL_API_SECRET: z.string().min(16).default("dev-internal-secret-change-me"),

  /** Scaling policy (see packages/domain/src/scaling/config.ts). WEBRTC_VIEWER_THRESHOLD is the web app's routing threshold: keep both equal. */
  SCALING_VIEWERS_PER_EDGE: z.coerce.number().int().positive().default(100),
  SCALING_HEADROOM: z.coerce.number().min(0).lt(1).default(0),
  SCALING_SCALE_IN_UTILISATION: z.coerce.number().gt(0).lt(1).default(0.9),
  WEBRTC_VIEWER_THRESHOLD: z.coerce.number().int().min(0).default(50),
  SCALING_EXPECTED_ATTENDANCE: z.coerce.number().min(0).max(1).default(1),
  SCALING_LEAD_TIME_MS: ms(5 * 60_000),
  SCALING_RUSH_WINDOW_MS: ms(20 * 60_000),
  SCALING_MIN_EDGES: z.coerce.number().int().min(0).default(0),
  SCALING_MAX_EDGES: z.coerce.number().int().min(0).default(20),
  SCALING_BUDGET_CENTS_PER_HOUR: z.coerce.number().min(0).default(20),
  SCALING_SCALE_IN_COOLDOWN_MS: ms(5 * 60_000),
  SCALING_STABILISATION_WINDOW_MS: ms(5 * 60_000),
  SCALING_SCALE_IN_STEP: z.coerce.number().int().positive().default(1),
  SCALING_MAX_DRAIN_MS: ms(30 * 60_000),
  /** Demand history the forecast looks at (noise peaks, growth), ms. */
  SCALING_FORECAST_WINDOW_MS: ms(8 * 60_000),
  /** How far ahead demand growth is extrapolated (edge boot plus a tick or two), ms; also the window after a show's start whose viewers set its series' start show-up rate. */
  SCALING_FORECAST_LEAD_MS: ms(3 * 60_000),
  /** Billing-aware scale-in: edges are drained only this close to the end of their paid hour, ms. */
  SCALING_DRAIN_BEFORE_HOUR_END_MS: ms(10 * 60_000),
  /** A draining edge is deleted once this little of its paid hour is left, ms; an edge the forecast does not need is then drained and deleted at once. */
  SCALING_DELETE_BEFORE_HOUR_END_MS: ms(60_000),
});

/** What production requires of the autoscaler (packages/config fail-closed rules). */
export const productionSpec: FailClosedSpec = {
  secrets: ["INTERNAL_API_SECRET", "EDGE_TOKEN_SECRET"],
  publicAddresses: ["EDGE_ORIGIN"],
  extra: [(v) => (v.AUTOSCALER_PROVIDER === "vultr" && secretProblem("VULTR_API_KEY", v.VULTR_API_KEY) ? [secretProblem("VULTR_API_KEY", v.VULTR_API_KEY)!] : [])],
};

/** Parsed autoscaler configuration. */
export type AutoscalerEnv = z.infer<typeof schema>;

let cached: AutoscalerEnv | undefined;

/**
 * Parses `source` (default: process.env). Throws an Error listing every invalid variable, or
 * UnsafeConfigError (one line) when NODE_ENV=production and productionSpec is broken.
 */
export function parseAutoscalerEnv(source: Record<string, string | undefined> = process.env): AutoscalerEnv {
  assertProductionSafe("autoscaler", source, productionSpec);
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid autoscaler configuration: ${problems}`);
  }
  return result.data;
}

/** Returns the parsed configuration (parsed on first call). Throws when invalid (see parseAutoscalerEnv). */
export function env(): AutoscalerEnv {
  cached ??= parseAutoscalerEnv();
  return cached;
}
