/**
 * The overflow path as a viewer meets it, on the built web app: the show is
 * past its WebRTC threshold (0 here), so the watch page's routing call sends
 * the ticket holder to HLS on the ready edge, and the HlsPlayer plays it.
 * Real parts: next start, SQLite, nginx-rtmp origin whose on_publish is the
 * web app's /api/rtmp/on-publish, an nginx edge, ffmpeg publishing with the
 * show's OBS stream key, Chromium. After the show, the same page plays the
 * origin's recorded replay (HLS VOD) through the edge during the replay window.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createDb, type Db } from "@limelight/db";
import { createEvent, createTicket, createUser, type SeededUser } from "@limelight/db/seed/factories";
import { artifactsDir, createSqliteDatabase, launchChromium, startWebApp, waitFor, type Spawned, type WebApp } from "@limelight/testkit";
import { publishTestSource, startEdge, startOrigin, type RunningEdge, type RunningOrigin } from "../../../../../infra/test/stack";
import { signIn } from "../../../test/support/sign-in";

const edgeSecret = "watch-hls-test-edge-secret-0123456789abcdef";
let db: Db;
let web: WebApp;
let origin: RunningOrigin;
let edge: RunningEdge;
let obs: Spawned;
let browser: Browser;
let viewer: SeededUser;
let eventId: string;

beforeAll(async () => {
  const databaseUrl = createSqliteDatabase();
  db = createDb(databaseUrl);
  const performer = await createUser(db, { role: "performer" });
  viewer = await createUser(db);
  const event = await createEvent(db, { title: "Overflow show", status: "live", startsAt: new Date(Date.now() - 60_000), hosts: [{ userId: performer.user.id, shareBps: 10_000 }] });
  eventId = event.id;
  await createTicket(db, { eventId, userId: viewer.user.id });
  web = await startWebApp({
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "watch-hls-test-auth-secret-0123456789abcdef",
    EDGE_TOKEN_SECRET: edgeSecret,
    WEBRTC_VIEWER_THRESHOLD: "0",
    // No media service in this test: the WebRTC count is unknown and chat stays offline.
    MEDIA_INTERNAL_URL: "http://127.0.0.1:9",
    MEDIA_PUBLIC_URL: "http://127.0.0.1:9",
    LOG_LEVEL: "warn",
  });
  origin = await startOrigin({ onPublishUrl: `${web.url}/api/rtmp/on-publish`, renditions: [{ name: "src", videoKbps: 1000, audioKbps: 96 }], record: true });
  edge = await startEdge({ origin: origin.httpAddress, secret: edgeSecret });
  await db.edge.create({ data: { label: "local-edge-1", provider: "local", region: "local", plan: "local", hourlyCostCents: 0, status: "ready", baseUrl: edge.baseUrl } });
  obs = publishTestSource(`${origin.ingestUrl}/${event.streamKey}`);
  await waitFor(async () => (await fetch(`http://${origin.httpAddress}/hls/${eventId}_src/index.m3u8`)).ok, 30_000, 250, `the show on the origin: ${obs.output()} ${web.output()}`);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await obs?.stop();
  await edge?.stop();
  await origin?.stop();
  await web?.stop();
  await db?.$disconnect();
});

describe("watch page over HLS", () => {
  it("plays the show from the edge for a ticket holder past the WebRTC threshold", async () => {
    const page = await (await browser.newContext()).newPage();
    const edgeRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(edge.baseUrl)) edgeRequests.push(request.url());
    });
    await signIn(page, web.url, viewer.user.email, viewer.password, `/watch/${eventId}`);
    const video = page.getByTestId("hls-video");
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(2);
    expect(await page.getByTestId("hls-live").textContent()).toContain("LIVE");
    expect(edgeRequests.some((url) => url.includes(`/${eventId}/${eventId}.m3u8`))).toBe(true);
    expect(edgeRequests.every((url) => url.includes("/t/"))).toBe(true);
    await page.screenshot({ path: join(artifactsDir("hls"), "watch-hls.png") });
  });

  it("answers the routing endpoint only for signed-in ticket holders", async () => {
    const anonymous = await fetch(`${web.url}/api/watch/${eventId}`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("plays the recorded replay after the show during the replay window, and says when it has expired", async () => {
    await obs.stop(); // the show ends: the origin builds the replay from its recording
    await db.event.update({ where: { id: eventId }, data: { status: "ended", endedAt: new Date(), replayWindowHours: 24 } });
    await waitFor(async () => (await fetch(`http://${origin.httpAddress}/hls/${eventId}_replay/index.m3u8`)).ok, 30_000, 250, `the replay on the origin: ${origin.output()}`);

    const page = await (await browser.newContext()).newPage();
    const edgeRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(edge.baseUrl)) edgeRequests.push(request.url());
    });
    await signIn(page, web.url, viewer.user.email, viewer.password, `/watch/${eventId}`);
    await page.getByText("REPLAY", { exact: true }).waitFor();
    const video = page.getByTestId("hls-video");
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(1);
    expect(await video.evaluate((v: HTMLVideoElement) => Number.isFinite(v.duration) && v.duration > 1)).toBe(true); // a VOD: known length, seekable
    expect(edgeRequests.some((url) => url.includes(`/${eventId}/${eventId}_replay/index.m3u8`))).toBe(true);
    await page.screenshot({ path: join(artifactsDir("hls"), "watch-replay.png") });

    await db.event.update({ where: { id: eventId }, data: { endedAt: new Date(Date.now() - 25 * 3_600_000) } });
    await page.goto(`${web.url}/watch/${eventId}`);
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("The replay of this show is no longer available");
  });
});
