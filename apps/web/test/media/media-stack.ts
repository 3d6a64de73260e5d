/**
 * Test stack for the studio/watch browser suites: a migrated SQLite database
 * with a performer, a ticket holder and their show (seed factories), the built
 * web app (`startWebApp`), the real media service (`apps/media/src/main.ts`
 * as a child process) pointed at `kmsUrls`, and headless Chromium with a
 * fake camera and microphone. Pages get the RTCPeerConnection recorder.
 */
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createDb, type Db } from "@limelight/db";
import { createEvent, createTicket, createUser, type SeededUser } from "@limelight/db/seed/factories";
import {
  artifactsDir,
  createSqliteDatabase,
  freePort,
  launchChromium,
  startWebApp,
  waitFor,
  type Spawned,
  type WebApp,
} from "@limelight/testkit";
import { RTC_RECORDER_SCRIPT } from "./rtc-recorder";
import { spawnMediaService } from "../support/media-service";

/** Shared secrets of the test stack (web and media must agree). */
export const STACK_SECRETS = {
  ACCESS_TOKEN_SECRET: "studio-watch-test-access-token-secret-0123456789",
  INTERNAL_API_SECRET: "studio-watch-test-internal-secret",
  AUTH_SECRET: "studio-watch-test-auth-secret-0123456789abcdef",
} as const;

/** A running stack; `stop()` ends everything it started. */
export interface MediaStack {
  db: Db;
  databaseUrl: string;
  web: WebApp;
  media: Spawned;
  mediaUrl: string;
  browser: Browser;
  performer: SeededUser;
  viewer: SeededUser;
  eventId: string;
  streamKey: string;
  /** Folder for screenshots (artifacts/media). */
  shots: string;
  /** A page in a fresh browser context (own cookies), with the RTCPeerConnection recorder. */
  newPage(): Promise<Page>;
  /** Recent output of the media service and the web app, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

/** Options: KMS WebSocket URLs for the media service and extra web env (e.g. RTMP_INGEST_URL). */
export interface MediaStackOptions {
  kmsUrls: string[];
  webEnv?: Record<string, string>;
  mediaEnv?: Record<string, string>;
}

/**
 * Seeds the database and starts web, media and Chromium. The show is on sale
 * and starts in 5 minutes (ticket holders may join, hosts may go live).
 * Throws when a service does not come up within 60 s.
 */
export async function startMediaStack(options: MediaStackOptions): Promise<MediaStack> {
  const shots = artifactsDir("media");
  mkdirSync(shots, { recursive: true });
  const databaseUrl = createSqliteDatabase();
  const db = createDb(databaseUrl);
  const performer = await createUser(db, { role: "performer", name: "Pat Performer" });
  const viewer = await createUser(db, { role: "viewer", name: "Vic Viewer" });
  const event = await createEvent(db, {
    title: "Studio test show",
    status: "on_sale",
    startsAt: new Date(Date.now() + 5 * 60_000),
    hosts: [{ userId: performer.user.id, shareBps: 10_000 }],
  });
  await createTicket(db, { eventId: event.id, userId: viewer.user.id });

  const contexts: BrowserContext[] = [];
  let web: WebApp | undefined;
  let media: Spawned | undefined;
  let browser: Browser | undefined;
  const logs = () => `\n--- media ---\n${media?.output() ?? ""}\n--- web ---\n${web?.output() ?? ""}`;
  const stop = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await media?.stop();
    await web?.stop();
    await db.$disconnect();
  };

  try {
    const mediaPort = await freePort();
    const mediaUrl = `http://127.0.0.1:${mediaPort}`;
    web = await startWebApp({
      DATABASE_URL: databaseUrl,
      ...STACK_SECRETS,
      MEDIA_PUBLIC_URL: mediaUrl,
      MEDIA_INTERNAL_URL: mediaUrl,
      LOG_LEVEL: "warn",
      ...options.webEnv,
    });
    media = spawnMediaService({
      port: mediaPort,
      webUrl: web.url,
      databaseUrl,
      accessTokenSecret: STACK_SECRETS.ACCESS_TOKEN_SECRET,
      internalApiSecret: STACK_SECRETS.INTERNAL_API_SECRET,
      kmsUrls: options.kmsUrls,
      // the studio test injects a video from a .test name that never resolves: allow-listed as an operator would
      env: { HLS_VIEWERS_POLL_MS: "500", INJECT_ALLOW_HOSTS: "videos.example.test", ...options.mediaEnv },
    });
    // listening is enough: /health answers 503 while no Kurento is usable (the degraded suite starts that way)
    await waitFor(async () => [200, 503].includes((await fetch(`${mediaUrl}/health`)).status), 60_000, 250, `media service${logs()}`);
    browser = await launchChromium({ fakeMedia: true });
    const b = browser;
    return {
      db,
      databaseUrl,
      web,
      media,
      mediaUrl,
      browser: b,
      performer,
      viewer,
      eventId: event.id,
      streamKey: event.streamKey,
      shots,
      async newPage() {
        const context = await b.newContext();
        contexts.push(context);
        await context.addInitScript(RTC_RECORDER_SCRIPT);
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
