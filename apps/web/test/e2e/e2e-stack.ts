/**
 * The whole platform on one machine for the end-to-end browser test, every
 * part real and on free ports: a migrated SQLite database (admin and performer
 * seeded), the built web app (`next start`, test-mode payments), the media
 * service (`apps/media/src/main.ts`, no Kurento: KMS_URLS empty), the
 * nginx-rtmp origin whose on_publish is the web app, the autoscaler loop
 * (`apps/autoscaler/src/main.ts`) with the Local provider starting real nginx
 * edges, and headless Chromium with a fake camera. `stop()` ends all of it,
 * including every edge the autoscaler left running.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createDb, type Db } from "@limelight/db";
import { createUser, type SeededUser } from "@limelight/db/seed/factories";
import {
  artifactsDir,
  createSqliteDatabase,
  freePort,
  launchChromium,
  repoRoot,
  spawnLogged,
  startWebApp,
  waitFor,
  type Spawned,
  type WebApp,
} from "@limelight/testkit";
import { startOrigin, type RunningOrigin } from "../../../../infra/test/stack";
import { spawnMediaService } from "../support/media-service";
import { LocalProvider } from "../../../autoscaler/src/providers/local/local-provider";

/** Secrets every service of the stack shares. */
export const E2E_SECRETS = {
  AUTH_SECRET: "e2e-test-auth-secret-0123456789abcdef0123",
  ACCESS_TOKEN_SECRET: "e2e-test-access-token-secret-0123456789abcdef",
  INTERNAL_API_SECRET: "e2e-test-internal-secret-0123",
  EDGE_TOKEN_SECRET: "e2e-test-edge-token-secret-0123456789abcdef",
} as const;

/**
 * Scaling settings of the autoscaler: every viewer goes to HLS (threshold 0),
 * an edge carries one viewer with half of it kept as headroom, so one viewer
 * already needs a second edge; between one and two edges; scale-in as soon as
 * demand allows (no cooldown, 2 s stabilisation window).
 */
export const E2E_SCALING = {
  WEBRTC_VIEWER_THRESHOLD: "0",
  SCALING_VIEWERS_PER_EDGE: "1",
  SCALING_HEADROOM: "0.5",
  SCALING_EXPECTED_ATTENDANCE: "0",
  SCALING_MIN_EDGES: "1",
  SCALING_MAX_EDGES: "2",
  SCALING_SCALE_IN_COOLDOWN_MS: "0",
  SCALING_STABILISATION_WINDOW_MS: "2000",
} as const;

/** The running stack. */
export interface E2eStack {
  db: Db;
  web: WebApp;
  media: Spawned;
  mediaUrl: string;
  origin: RunningOrigin;
  autoscaler: Spawned;
  /** Folder of the Local provider's edges (one sub-folder per edge). */
  edgesDir: string;
  browser: Browser;
  admin: SeededUser;
  performer: SeededUser;
  /** Folder for screenshots (artifacts/e2e). */
  shots: string;
  /** A page in a fresh browser context (own cookies) on the web app, 1280×900, in `timezoneId` (default UTC). */
  newPage(timezoneId?: string): Promise<Page>;
  /** Recent output of every service, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Seeds an admin and a performer, then starts web, media, origin, autoscaler
 * and Chromium. Throws (after stopping what started) when a service does not
 * come up within 60 s.
 */
export async function startE2eStack(): Promise<E2eStack> {
  const shots = artifactsDir("e2e");
  mkdirSync(shots, { recursive: true });
  const databaseUrl = createSqliteDatabase();
  const db = createDb(databaseUrl);
  const admin = await createUser(db, { role: "admin", name: "Alex Admin" });
  const performer = await createUser(db, { role: "performer", name: "Pia Performer" });
  const edgesDir = mkdtempSync(join(tmpdir(), "limelight-e2e-edges-"));
  chmodSync(edgesDir, 0o755);

  const contexts: BrowserContext[] = [];
  let web: WebApp | undefined;
  let media: Spawned | undefined;
  let origin: RunningOrigin | undefined;
  let autoscaler: Spawned | undefined;
  let browser: Browser | undefined;
  const logs = () =>
    [
      `--- web ---\n${web?.output() ?? ""}`,
      `--- media ---\n${media?.output() ?? ""}`,
      `--- autoscaler ---\n${autoscaler?.output().slice(-8_000) ?? ""}`,
      `--- origin ---\n${origin?.output() ?? ""}`,
    ].join("\n");
  const stop = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    // The autoscaler first (it would otherwise replace edges), then whatever edges it left serving.
    await autoscaler?.stop();
    const edges = new LocalProvider({ edgesDir, scriptsDir: join(repoRoot(), "infra", "scripts"), origin: origin?.httpAddress ?? "", tokenSecret: E2E_SECRETS.EDGE_TOKEN_SECRET });
    for (const edge of await edges.list()) await edges.delete(edge.id).catch(() => undefined);
    rmSync(edgesDir, { recursive: true, force: true });
    await origin?.stop();
    await media?.stop();
    await web?.stop();
    await db.$disconnect();
  };

  try {
    const mediaPort = await freePort();
    const mediaUrl = `http://127.0.0.1:${mediaPort}`;
    // The origin calls the web app on publish and the web app shows the origin's ingest URL: the web port is reserved first.
    const webPort = await freePort();
    origin = await startOrigin({ onPublishUrl: `http://127.0.0.1:${webPort}/api/rtmp/on-publish`, renditions: [{ name: "src", videoKbps: 800, audioKbps: 96 }] });
    web = await startWebApp(
      {
        DATABASE_URL: databaseUrl,
        ...E2E_SECRETS,
        WEBRTC_VIEWER_THRESHOLD: "0",
        MEDIA_PUBLIC_URL: mediaUrl,
        MEDIA_INTERNAL_URL: mediaUrl,
        RTMP_INGEST_URL: origin.ingestUrl,
        LOG_LEVEL: "warn",
      },
      { port: webPort },
    );
    media = spawnMediaService({
      port: mediaPort,
      webUrl: web.url,
      databaseUrl,
      accessTokenSecret: E2E_SECRETS.ACCESS_TOKEN_SECRET,
      internalApiSecret: E2E_SECRETS.INTERNAL_API_SECRET,
      kmsUrls: [], // no Kurento, like the demo without KMS_URL
      env: { SHOW_STATUS_POLL_MS: "500", TIP_POLL_MS: "500", HLS_VIEWERS_POLL_MS: "500" },
    });
    autoscaler = spawnLogged(join(repoRoot(), "node_modules", ".bin", "tsx"), [join(repoRoot(), "apps", "autoscaler", "src", "main.ts")], {
      cwd: join(repoRoot(), "apps", "autoscaler"),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "test",
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "info",
        AUTOSCALER_PROVIDER: "local",
        AUTOSCALER_ENV: "e2e",
        AUTOSCALER_TICK_MS: "1000",
        AUTOSCALER_METRICS_PORT: String(await freePort()),
        LOCAL_EDGES_DIR: edgesDir,
        EDGE_ORIGIN: origin.httpAddress,
        EDGE_TOKEN_SECRET: E2E_SECRETS.EDGE_TOKEN_SECRET,
        EDGE_HEALTH_TIMEOUT_MS: "1000",
        // Edges count a viewer for 6 s after its last request (30 s by default), so scale-in follows the end sooner.
        EDGE_VIEWER_WINDOW_SECONDS: "6",
        EDGE_VIEWER_REFRESH_SECONDS: "1",
        MEDIA_INTERNAL_URL: mediaUrl,
        INTERNAL_API_SECRET: E2E_SECRETS.INTERNAL_API_SECRET,
        ...E2E_SCALING,
      },
    });
    await waitFor(async () => (await fetch(`${mediaUrl}/health`)).ok, 60_000, 250, `media service\n${logs()}`);
    browser = await launchChromium({ fakeMedia: true });
    const b = browser;
    const w = web;
    return {
      db,
      web: w,
      media,
      mediaUrl,
      origin,
      autoscaler,
      edgesDir,
      browser: b,
      admin,
      performer,
      shots,
      async newPage(timezoneId = "UTC") {
        const context = await b.newContext({ baseURL: w.url, viewport: { width: 1280, height: 900 }, timezoneId });
        contexts.push(context);
        return context.newPage();
      },
      logs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
