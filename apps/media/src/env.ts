/**
 * Configuration of the media service, parsed once from the environment with zod.
 * Times in ms. Defaults make the embedded demo work with no keys.
 */
import { hostname } from "node:os";
import { z } from "zod";
import { assertProductionSafe, secretProblem, type FailClosedSpec } from "@limelight/config";

const csv = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

/** zod schema of the media service environment. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /**
   * "true": a production build that serves this machine only (demo, tests, benchmarks). Development
   * secrets are then accepted, but only while every public URL is a loopback address.
   */
  LOCAL_ONLY: z.enum(["true", "false"]).default("false"),
  /** HTTP + socket.io port. */
  MEDIA_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  MEDIA_HOST: z.string().default("0.0.0.0"),
  /** Allowed browser origins for socket.io (comma separated; "*" for any). */
  MEDIA_CORS_ORIGINS: csv.default(["http://localhost:3000"]),
  DATABASE_URL: z.string().default("file:../../.data/limelight.db"),
  ACCESS_TOKEN_SECRET: z.string().min(32).default("dev-access-token-secret-change-me-please-0123456789"),
  INTERNAL_API_SECRET: z.string().min(16).default("dev-internal-secret-change-me"),
  /**
   * Stable id of this media node (default: the host name). Its pipelines are tagged with it, and
   * on (re)connecting to a KMS the node releases pipelines carrying its id that an earlier run left
   * behind. Give every node sharing a KMS its own id.
   */
  MEDIA_NODE_ID: z.string().min(1).default(hostname()),
  /**
   * Kurento Media Server WebSocket URLs, comma separated; each show is pinned to the least-loaded one.
   * Empty (KMS_URLS=""): no live composite on this node; hosts are told so and stream from OBS instead.
   */
  KMS_URLS: csv.default(["ws://127.0.0.1:8888/kurento"]),
  /** Deadline of every kurento-client call. */
  KMS_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Connection retries before the client gives up (kurento-client failAfter). */
  KMS_FAIL_AFTER: z.coerce.number().int().positive().default(3),
  /** Delay between reconnection attempts to an unreachable KMS. */
  KMS_RETRY_MS: z.coerce.number().int().positive().default(3_000),
  /** Watchdog: how often each connected KMS is pinged (ServerManager.getInfo), ms. */
  KMS_PING_INTERVAL_MS: z.coerce.number().int().positive().default(2_000),
  /** Watchdog: a KMS that answers nothing for this long is lost (shows recover, /health 503), ms. */
  KMS_PING_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * Hosts or CIDR ranges (comma separated) that injected video URIs may reach although they are
   * loopback, private, link-local or CGNAT (e.g. "media.internal,10.20.0.0/16"). Default: none.
   */
  INJECT_ALLOW_HOSTS: csv.default([]),
  /** STUN servers (comma separated stun: URLs) sent to browsers. */
  STUN_URLS: csv.default(["stun:stun.l.google.com:19302"]),
  /** TURN servers (comma separated turn:/turns: URLs) sent to ticket holders and hosts with short-lived credentials. */
  TURN_URLS: csv.default([]),
  /**
   * coturn's `static-auth-secret` (use-auth-secret): media derives time-limited TURN REST credentials
   * from it (username "expiry:userId", password base64 HMAC-SHA1). Required when TURN_URLS is set.
   */
  TURN_SECRET: z.string().optional(),
  /** Lifetime of a TURN credential, seconds (at most 1 hour). */
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(3_600),
  HOST_REJOIN_GRACE_MS: z.coerce.number().int().nonnegative().default(30_000),
  EMPTY_SHOW_GRACE_MS: z.coerce.number().int().nonnegative().default(120_000),
  /** How long before an event's start its hosts may go live, ms (admins: any time). */
  GO_LIVE_EARLY_MS: z.coerce.number().int().nonnegative().default(3_600_000),
  /** How often the Edge table is read for HLS viewers per show (studio count), ms. */
  HLS_VIEWERS_POLL_MS: z.coerce.number().int().positive().default(5_000),
  HUBPORT_RELEASE_DELAY_MS: z.coerce.number().int().nonnegative().default(10_000),
  /** A host whose video has not flowed into Kurento for this long is shown to the others as reconnecting, ms. */
  MEDIA_FLOW_STALL_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * A live show whose program HubPort has had no media flowing out for this long (while a host is
   * connected or a video plays) is reported as frozen on /health (status "degraded") and to the admin, ms.
   */
  PROGRAM_FROZEN_MS: z.coerce.number().int().positive().default(10_000),
  /** Folder from which file:// videos may be injected. */
  MEDIA_FOLDER: z.string().default("/var/lib/limelight/media"),
  /** RTMP ingest of the HLS origin; the program is published to `${ORIGIN_RTMP_URL}/${eventId}?secret=...`. */
  ORIGIN_RTMP_URL: z.string().default("rtmp://127.0.0.1:1935/ingest"),
  ORIGIN_PUBLISH_SECRET: z.string().default("dev-publish-secret"),
  /** Set "false" to not publish the program to the origin. */
  PROGRAM_PUBLISH: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  FFMPEG_PATH: z.string().default("ffmpeg"),
  /** HLS fragment length; ffmpeg's keyframe interval equals it. */
  HLS_FRAGMENT_SECONDS: z.coerce.number().positive().default(1),
  /** Folder for the .sdp files ffmpeg reads. */
  PROGRAM_SDP_DIR: z.string().default("/tmp/limelight-media"),
  /** How often the status of shows with viewers here but no Kurento graph (fed from OBS) is re-read, ms. */
  SHOW_STATUS_POLL_MS: z.coerce.number().int().positive().default(2_000),
  /** A live encoder show ends once its encoder (OBS) has been gone this long (the origin's on_publish_done), ms. Checked every SHOW_STATUS_POLL_MS. */
  ENCODER_GONE_END_MS: z.coerce.number().int().positive().default(600_000),
  /** Hosts are warned in the studio (`show:encoder`) once the encoder has been gone this long, ms. */
  ENCODER_GONE_WARN_MS: z.coerce.number().int().nonnegative().default(60_000),
  /** How often the tickets (and host rows) of connected sockets are re-read; a refunded viewer is cut off within this, ms. */
  ACCESS_RECHECK_MS: z.coerce.number().int().positive().default(2_000),
  /** Poll interval of the Tip table for confirmed tips. */
  TIP_POLL_MS: z.coerce.number().int().positive().default(2_000),
  /** socket.io Redis adapter for several media nodes (also holds which node owns each live show). */
  REDIS_URL: z.string().optional(),
  /** Lease of a show's owner node in Redis; a crashed owner blocks other nodes this long. */
  SHOW_LEASE_TTL_MS: z.coerce.number().int().min(1_000).default(15_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** What production requires of the media service (packages/config fail-closed rules). */
export const productionSpec: FailClosedSpec = {
  secrets: ["ACCESS_TOKEN_SECRET", "INTERNAL_API_SECRET", "ORIGIN_PUBLISH_SECRET"],
  publicHttpsUrls: ["MEDIA_CORS_ORIGINS"],
  extra: [
    (v) => (String(v.MEDIA_CORS_ORIGINS ?? "").split(",").some((o) => o.trim() === "*") ? ['MEDIA_CORS_ORIGINS is "*": list the storefront\'s https origin'] : []),
    (v) => {
      const urls = String(v.TURN_URLS ?? "").split(",").map((u) => u.trim()).filter(Boolean);
      if (urls.length === 0) return [];
      const secret = secretProblem("TURN_SECRET", v.TURN_SECRET);
      return [...(secret ? [secret] : []), ...urls.filter((u) => !/^turns?:/.test(u)).map((u) => `TURN_URLS has a non-turn: URL (${u})`)];
    },
  ],
};

/** Parsed media service configuration. */
export type MediaEnv = z.infer<typeof envSchema>;

/**
 * Parses `source` (default: process.env). Throws a readable error listing bad variables, or
 * UnsafeConfigError (one line) when NODE_ENV=production and productionSpec is broken.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): MediaEnv {
  assertProductionSafe("media", source, productionSpec);
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid media service environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
