/**
 * The nginx config CLI's settings (infra/nginx/cli.ts), one zod schema per
 * command, parsed once at start from the environment. A missing required
 * setting, a port out of range or a number that is not one refuses to render
 * anything (the origin or edge then never starts on a half-written config).
 */
import { z } from "zod";

/** A TCP port, 1–65535, from an environment string. */
const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);
/** A non-empty string, or undefined when unset or empty. */
const optional = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));
/** A required non-empty string. */
const required = z.string().min(1, "is required");
/** A positive number (seconds or hours) from an environment string, or undefined when unset or empty. */
const optionalPositive = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: "must be a non-negative number" });
      return z.NEVER;
    }
    return n;
  });
/** A comma-separated list, trimmed, empty items dropped; undefined when unset or empty. */
const list = optional.transform((value) =>
  value
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined,
);

/** `cli.ts media-lb`: the media nodes' load balancer. */
export const mediaLbEnvSchema = z.object({
  MEDIA_LB_STATE_DIR: required,
  MEDIA_LB_PORT: port(4000),
  MEDIA_LB_LISTEN_ADDRESS: optional,
  /** Comma-separated host:port of the media nodes; at least one. */
  MEDIA_LB_NODES: required.transform((value) => value.split(",").map((s) => s.trim()).filter(Boolean)).pipe(z.array(z.string()).min(1)),
  NGINX_USER: optional,
});

/** `cli.ts cloud-init`: an edge VM's user data. EDGE_TLS_HOSTNAME and EDGE_ACME_EMAIL go together. */
export const cloudInitEnvSchema = z
  .object({
    EDGE_HTTP_PORT: port(80),
    EDGE_ORIGIN: required,
    EDGE_TOKEN_SECRET: required,
    EDGE_TLS_HOSTNAME: optional,
    EDGE_ACME_EMAIL: optional,
  })
  .refine((env) => !env.EDGE_TLS_HOSTNAME || env.EDGE_ACME_EMAIL, { message: "is required with EDGE_TLS_HOSTNAME", path: ["EDGE_ACME_EMAIL"] });

/** `cli.ts origin`: the NGINX-RTMP origin and its replay scripts. */
export const originEnvSchema = z.object({
  ORIGIN_STATE_DIR: required,
  ORIGIN_RTMP_PORT: port(1935),
  ORIGIN_HTTP_PORT: port(8088),
  ORIGIN_LISTEN_ADDRESS: optional,
  ORIGIN_ON_PUBLISH_URL: optional,
  ORIGIN_ON_PUBLISH_DONE_URL: optional,
  /** "src,480p:1200,360p:700" or JSON (renditions.ts parses it). */
  ORIGIN_RENDITIONS: optional,
  ORIGIN_FRAGMENT_SECONDS: optionalPositive,
  ORIGIN_HTTP_ALLOW: list,
  /** CIDRs allowed to read /rtmp-stat; unset: loopback and private networks (render-origin.ts DEFAULT_STAT_ALLOW). */
  ORIGIN_STAT_ALLOW: list,
  NGINX_USER: optional,
  /** 1 (default): record shows and build replays; 0/false/off/no: don't. */
  ORIGIN_RECORD: z
    .string()
    .optional()
    .transform((value) => !/^(0|false|off|no)$/i.test(value ?? "1")),
  ORIGIN_RECORDINGS_KEEP_HOURS: optionalPositive,
  ORIGIN_FFMPEG: optional,
});

/** `cli.ts edge`: an HLS edge in front of the origin. */
export const edgeEnvSchema = z.object({
  EDGE_STATE_DIR: required,
  EDGE_PORT: port(8081),
  EDGE_LISTEN_ADDRESS: optional,
  EDGE_ORIGIN: z.string().min(1).default("127.0.0.1:8088"),
  EDGE_TOKEN_SECRET: required,
  EDGE_CACHE_DIR: optional,
  EDGE_CACHE_MAX_SIZE: optional,
  EDGE_PLAYLIST_CACHE_SECONDS: optionalPositive,
  /** A viewer counts while its token was seen this recently, s. */
  EDGE_VIEWER_WINDOW_SECONDS: z.coerce.number().positive().default(30),
  /** How often the edge's viewer counter refreshes, s. */
  EDGE_VIEWER_REFRESH_SECONDS: z.coerce.number().positive().default(5),
  NGINX_USER: optional,
});

/** The commands of cli.ts and the schema of each. */
export const cliEnvSchemas = { "media-lb": mediaLbEnvSchema, "cloud-init": cloudInitEnvSchema, origin: originEnvSchema, edge: edgeEnvSchema } as const;

/** A command of cli.ts. */
export type CliCommand = keyof typeof cliEnvSchemas;

/**
 * Parses the environment for one command.
 * @throws Error listing every invalid or missing variable (`NAME: message`).
 */
export function parseCliEnv<C extends CliCommand>(command: C, env: Record<string, string | undefined>): z.infer<(typeof cliEnvSchemas)[C]> {
  const result = cliEnvSchemas[command].safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new Error(`infra/nginx/cli.ts ${command}: invalid settings\n  ${problems.join("\n  ")}`);
  }
  return result.data as z.infer<(typeof cliEnvSchemas)[C]>;
}
