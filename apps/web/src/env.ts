/**
 * The web app's configuration, parsed once from the process environment with
 * zod. Nothing else in apps/web reads process.env. Throws at first use with a
 * list of what is wrong; with NODE_ENV=production it also refuses placeholder,
 * short or missing secrets, loopback or plain-http public URLs and payments
 * without Stripe keys unless PAYMENTS_MODE=test (productionSpec below).
 * instrumentation.ts parses it when the server starts.
 */
import { z } from "zod";
import { assertProductionSafe, loadOrExit, type FailClosedSpec } from "@limelight/config";

/** Development default of the webhook secret (test mode's local one); refused in production with Stripe keys. */
const TEST_MODE_WEBHOOK_SECRET = "whsec_limelight_test_mode_local_secret";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /**
   * "true": a production build that serves this machine only (demo, tests, benchmarks). Development
   * secrets are then accepted, but only while every public URL is a loopback address.
   */
  LOCAL_ONLY: z.enum(["true", "false"]).default("false"),
  /** Public base URL of this app, e.g. http://localhost:3000 (used for Checkout return URLs). */
  APP_URL: z.url().default("http://localhost:3000"),
  /** file: (SQLite, embedded default) or postgres:// URL. */
  DATABASE_URL: z.string().regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "must start with file:, postgres:// or postgresql:// (it names the provider: SQLite or PostgreSQL)").default("file:../../.data/limelight.db"),
  /** Auth.js secret (JWT sessions); at least 32 characters. */
  AUTH_SECRET: z.string().min(32).default("dev-only-auth-secret-change-me-0123456789"),
  /** HMAC secret for viewer access tokens shared with apps/media; at least 32 characters. */
  ACCESS_TOKEN_SECRET: z.string().min(32).default("dev-access-token-secret-change-me-please-0123456789"),
  /** Access token lifetime in seconds. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  /** Stripe secret key; when absent the built-in test payment provider is used ("test mode"). */
  STRIPE_SECRET_KEY: z.string().optional(),
  /**
   * "test": no real payments (the built-in test Checkout; a banner on every page, tickets marked as
   * test-mode). Production without STRIPE_SECRET_KEY refuses to start unless this is set explicitly.
   */
  PAYMENTS_MODE: z.enum(["stripe", "test"]).optional(),
  /** Stripe webhook signing secret (whsec_...); unset or empty: test mode's local one (refused in production with Stripe keys). */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((v) => v || TEST_MODE_WEBHOOK_SECRET),
  /** Override of the Stripe API host (tests point the real client at a local server). */
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  /** Minimum tip in cents. */
  TIP_MIN_CENTS: z.coerce.number().int().positive().default(100),
  /** Base URL of apps/media as the browser reaches it (socket.io, routing). */
  MEDIA_PUBLIC_URL: z.url().default("http://localhost:4000"),
  /** Base URL of apps/media for server-to-server calls. */
  MEDIA_INTERNAL_URL: z.url().default("http://localhost:4000"),
  /** Shared secret for internal web <-> media calls. */
  INTERNAL_API_SECRET: z.string().min(16).default("dev-internal-secret-change-me"),
  /** RTMP ingest server URL shown to performers for OBS (stream key = Event.streamKey). */
  RTMP_INGEST_URL: z.string().regex(/^rtmps?:\/\//, "must be an rtmp:// or rtmps:// URL").default("rtmp://localhost:1935/ingest"),
  /** WebRTC viewers per show before newcomers are routed to HLS edges (routing rule in @limelight/domain/routing). */
  WEBRTC_VIEWER_THRESHOLD: z.coerce.number().int().nonnegative().default(50),
  /** Shared secret of signed HLS edge URLs (nginx secure_link); same value as the edges' EDGE_TOKEN_SECRET. */
  EDGE_TOKEN_SECRET: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, "32-128 characters of [A-Za-z0-9_-]").default("dev-only-edge-token-secret-change-me-0123"),
  /** Lifetime of a signed edge URL in seconds; the player renews it before expiry. */
  EDGE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).default(300),
  /** Secret the media bridge sends as `?secret=` when publishing to the origin's RTMP ingest (checked by on_publish). */
  ORIGIN_PUBLISH_SECRET: z.string().min(8).default("dev-publish-secret"),
  /**
   * nginx-rtmp statistics of the origin (its `/rtmp-stat` location), e.g.
   * http://origin:8088/rtmp-stat: asked, when an encoder leaves, whether the
   * stream still has a publisher (a refused second encoder on the same stream
   * key also reports leaving). Unset or empty: every departure counts.
   */
  ORIGIN_STAT_URL: z.union([z.literal(""), z.url()]).optional(),
  /** How long before an event's start its performers may publish with their stream key, ms (same as the media service's). */
  GO_LIVE_EARLY_MS: z.coerce.number().int().nonnegative().default(3_600_000),
  /** Failed sign-ins per email address within SIGNIN_FAILURE_WINDOW_MS before further attempts are refused (password guessing). */
  SIGNIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins per client IP within SIGNIN_FAILURE_WINDOW_MS before further attempts from it are refused (spraying many accounts). */
  SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  /** Sliding window of the sign-in failure limits, ms (15 minutes). */
  SIGNIN_FAILURE_WINDOW_MS: z.coerce.number().int().positive().default(900_000),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start); unset or empty → mail goes to MAIL_OUTBOX_DIR. */
  SMTP_URL: z.union([z.literal(""), z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")]).optional(),
  /** From header of outgoing mail. */
  MAIL_FROM: z.string().min(3).default("Limelight <no-reply@limelight.local>"),
  /** Folder of the embedded outbox (one .eml file per message) when SMTP_URL is unset; relative to apps/web. */
  MAIL_OUTBOX_DIR: z.string().min(1).default("../../.data/outbox"),
  /** Hours after a show ends before it is settled and its hosts are paid (Stripe Connect transfers); an admin may settle earlier. Default 7 days. */
  SETTLEMENT_WINDOW_HOURS: z.coerce.number().nonnegative().default(168),
  /** Period of the background worker every web instance runs (settlements, payout retries, reminders), ms; 0 disables it in this instance. */
  WORKER_INTERVAL_MS: z.coerce.number().int().nonnegative().default(30_000),
  /** HMAC secret of the unsubscribe links in reminder mails; at least 32 characters. */
  REMINDER_TOKEN_SECRET: z.string().min(32).default("dev-only-reminder-token-secret-change-me-0123"),
  /** Folder (a persistent volume in production) where uploaded event posters are stored, relative to apps/web. */
  POSTER_DIR: z.string().min(1).default("../../.data/posters"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** PostgreSQL connections this process may open (pg pool size); ignored for SQLite. Sized for an on-sale rush on 2 cores. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /**
   * Buy presses this process works on at once (admission control of POST /api/events/<id>/checkout); more wait
   * in a queue. Fewer requests in flight cost less CPU each (bench/on-sale-http: 16 in flight vs 500).
   */
  CHECKOUT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** Buy presses that may wait for a turn; past it the press is answered 503 OVERLOADED with Retry-After. */
  CHECKOUT_QUEUE_MAX: z.coerce.number().int().min(0).max(100_000).default(2000),
});

/** What production requires of the web app (packages/config fail-closed rules). */
export const productionSpec: FailClosedSpec = {
  secrets: ["AUTH_SECRET", "ACCESS_TOKEN_SECRET", "INTERNAL_API_SECRET", "EDGE_TOKEN_SECRET", "ORIGIN_PUBLISH_SECRET", "REMINDER_TOKEN_SECRET"],
  publicHttpsUrls: ["APP_URL", "MEDIA_PUBLIC_URL"],
  publicAddresses: ["RTMP_INGEST_URL"],
  extra: [
    (v) => {
      const key = typeof v.STRIPE_SECRET_KEY === "string" ? v.STRIPE_SECRET_KEY : "";
      if (v.PAYMENTS_MODE === "test") {
        return key ? ["PAYMENTS_MODE=test but STRIPE_SECRET_KEY is set: unset one of them"] : [];
      }
      if (!key) return ["STRIPE_SECRET_KEY is missing: set your Stripe secret key, or PAYMENTS_MODE=test to run without real payments (shown on every page)"];
      const problems: string[] = [];
      if (!/^(sk|rk)_(live|test)_[A-Za-z0-9]{16,}$/.test(key) || /change|example/i.test(key)) problems.push("STRIPE_SECRET_KEY is not a Stripe secret key (sk_live_... or sk_test_...)");
      const hook = typeof v.STRIPE_WEBHOOK_SECRET === "string" ? v.STRIPE_WEBHOOK_SECRET : "";
      if (!/^whsec_[A-Za-z0-9]{24,}$/.test(hook) || hook === TEST_MODE_WEBHOOK_SECRET || /change/i.test(hook)) {
        problems.push("STRIPE_WEBHOOK_SECRET is missing or a placeholder: set the whsec_... signing secret of your Stripe webhook endpoint");
      }
      return problems;
    },
  ],
};

/** Parsed web configuration. */
export type WebEnv = z.infer<typeof schema>;

let cached: WebEnv | undefined;

/**
 * Parses `source` (default: process.env). Throws an Error listing every invalid
 * variable, or UnsafeConfigError (one line) when production rules are broken.
 */
export function parseWebEnv(source: Record<string, string | undefined> = process.env): WebEnv {
  assertProductionSafe("web", source, productionSpec);
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid web configuration: ${problems}`);
  }
  return result.data;
}

/** Returns the parsed configuration (parsed on first call). Throws when invalid (see parseWebEnv). */
export function env(): WebEnv {
  cached ??= parseWebEnv();
  return cached;
}

/** Parses the configuration at server start; on any problem prints one line and exits with status 1. */
export function envOrExit(): WebEnv {
  return loadOrExit(env);
}

/**
 * Called by instrumentation.ts when a Next.js server starts: in the Node.js runtime (NEXT_RUNTIME,
 * set by Next) parses the configuration and exits with one line on any problem (envOrExit).
 */
export function checkEnvAtServerStart(): void {
  if (process.env.NEXT_RUNTIME === "nodejs") envOrExit();
}
