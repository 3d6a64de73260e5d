/**
 * Starts the real media service (`apps/media/src/main.ts`) as a child process
 * for browser suites: on 127.0.0.1:`port`, accepting the web app's origin,
 * with no STUN servers and no program bridge (no ffmpeg to the origin), and
 * `env` on top (KMS_URLS, poll intervals, ...). Readiness is the caller's
 * (`GET /health`).
 */
import { join } from "node:path";
import { repoRoot, spawnLogged, type Spawned } from "@limelight/testkit";

/** What every media service of a test stack needs. */
export interface MediaServiceOptions {
  port: number;
  /** The web app's URL (socket.io CORS origin). */
  webUrl: string;
  databaseUrl: string;
  accessTokenSecret: string;
  internalApiSecret: string;
  /** Kurento WebSocket URLs; empty: no Kurento (live composite unavailable). */
  kmsUrls: string[];
  /** Further variables (apps/media/src/env.ts), applied last. */
  env?: Record<string, string>;
}

/** Spawns the media service; stop it with `.stop()`. */
export function spawnMediaService(options: MediaServiceOptions): Spawned {
  return spawnLogged(join(repoRoot(), "node_modules", ".bin", "tsx"), [join(repoRoot(), "apps", "media", "src", "main.ts")], {
    cwd: repoRoot(),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_ENV: "test",
      MEDIA_PORT: String(options.port),
      MEDIA_HOST: "127.0.0.1",
      MEDIA_CORS_ORIGINS: options.webUrl,
      DATABASE_URL: options.databaseUrl,
      ACCESS_TOKEN_SECRET: options.accessTokenSecret,
      INTERNAL_API_SECRET: options.internalApiSecret,
      KMS_URLS: options.kmsUrls.join(","),
      STUN_URLS: "",
      PROGRAM_PUBLISH: "false",
      LOG_LEVEL: "warn",
      ...options.env,
    },
  });
}
