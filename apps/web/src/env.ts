/**
 * The web app's configuration, parsed once from the process environment with
 * zod. Nothing else in apps/web reads process.env. Throws at first use with a
 * list of what is wrong.
 */
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Public base URL of this app, e.g. http://localhost:3000 (used for Checkout return URLs). */
  APP_URL: z.url().default("http://localhost:3000"),
  /** file: (SQLite, embedded default) or postgres:// URL. */
  DATABASE_URL: z.string().default("file:../../.data/limelight.db"),
  /** Auth.js secret (JWT sessions); at least 32 characters. */
  AUTH_SECRET: z.string().min(32).default("dev-only-auth-secret-change-me-0123456789"),
  /** HMAC secret for viewer access tokens shared with apps/media; at least 32 characters. */
  ACCESS_TOKEN_SECRET: z.string().min(32).default("dev-access-token-secret-change-me-please-0123456789"),
  /** Access token lifetime in seconds. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  /** Stripe secret key; when absent the built-in test payment provider is used ("test mode"). */
  STRIPE_SECRET_KEY: z.string().optional(),
  /** Stripe webhook signing secret (whsec_...); in test mode a local one is used. */
  STRIPE_WEBHOOK_SECRET: z.string().default("whsec_limelight_test_mode_local_secret"),
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
});

/** Parsed web configuration. */
export type WebEnv = z.infer<typeof schema>;

let cached: WebEnv | undefined;

/** Returns the parsed configuration (parsed on first call). Throws when invalid. */
export function env(): WebEnv {
  if (!cached) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`invalid web configuration: ${problems}`);
    }
    cached = result.data;
  }
  return cached;
}
