/**
 * The HTTP contracts over real HTTP, against a production build of apps/web
 * (next start, SQLite): a malformed body, path parameter or nginx-rtmp form
 * gets 400 with the error body of @limelight/contracts naming the zod
 * `path`, before anything else is done (signed out included); and the watch
 * page reads /api/watch through the contract: a reply that does not match it
 * is refused with a message and a retry, the page keeps working, and the
 * retry asks the server again.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "@limelight/contracts";
import { createDb, type Db } from "@limelight/db";
import { createEvent, createTicket, createUser, type SeededUser } from "@limelight/db/seed/factories";
import { createSqliteDatabase, launchChromium, signInOverHttp, startWebApp, type CookieJar, type WebApp } from "@limelight/testkit";
import { signIn } from "./support/sign-in";

let db: Db;
let app: WebApp;
let browser: Browser;
let viewer: SeededUser;
let jar: CookieJar;
let liveEventId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const url = createSqliteDatabase();
  db = createDb(url);
  viewer = await createUser(db, { name: "Vic" });
  const event = await createEvent(db, { title: "Contract show", status: "live", startsAt: new Date(Date.now() - 60_000) });
  liveEventId = event.id;
  await createTicket(db, { eventId: event.id, userId: viewer.user.id });
  app = await startWebApp({ DATABASE_URL: url, LOG_LEVEL: "warn", AUTH_SECRET: "contracts-http-browser-test-auth-secret-0123" });
  jar = await signInOverHttp(app.url, viewer.user.email, viewer.password);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  await db?.$disconnect();
});

/** Sends a request and returns its status and error body, checked against the contract's error body. */
async function errorOf(path: string, init: RequestInit = {}): Promise<{ status: number; code: string; path: unknown; message: string }> {
  const res = await fetch(`${app.url}${path}`, { redirect: "manual", ...init });
  const body = errorBodySchema.parse(await res.json());
  return { status: res.status, code: body.error.code, path: body.error.path, message: body.error.message };
}

const json = (body: unknown, signedIn = true): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(signedIn ? { cookie: jar.header() } : {}) },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("HTTP bodies against their contracts", () => {
  it("POST /api/access-token: an event id that is not one is 400 at path eventId, signed in or not", async () => {
    expect(await errorOf("/api/access-token", json({ eventId: "'; DROP TABLE" }))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["eventId"] });
    expect(await errorOf("/api/access-token", json({}, false))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["eventId"] });
    // A well-formed body goes on to the rules: signed out is 401.
    expect(await errorOf("/api/access-token", json({ eventId: liveEventId }, false))).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("POST /api/watch/[eventId]: a bad mode is 400 at path mode, a bad id at path eventId, an unknown key is named", async () => {
    expect(await errorOf(`/api/watch/${liveEventId}`, json({ mode: "dash" }))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["mode"] });
    expect(await errorOf("/api/watch/not-an-id", json({}))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["eventId"] });
    const unknownKey = await errorOf(`/api/watch/${liveEventId}`, json({ mode: "hls", admin: true }));
    expect(unknownKey).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: [] });
    expect(unknownKey.message).toContain("admin");
  });

  it("GET /api/events/[id]/status: an id that is not one is 400 at path id; a real one answers the reply contract", async () => {
    expect(await errorOf("/api/events/..%2F..%2Fetc/status")).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["id"] });
    const ok = await fetch(`${app.url}/api/events/${liveEventId}/status`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "live", startsAt: expect.any(String) });
  });

  it("nginx-rtmp callbacks: a form that is not the call, or a stream name that is not one, is 400 at its path (a refusal for nginx)", async () => {
    expect(await errorOf("/api/rtmp/on-publish", form({ call: "publish", app: "ingest", name: "../../etc/passwd" }))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["name"] });
    expect(await errorOf("/api/rtmp/on-publish", form({ call: "play", app: "ingest", name: liveEventId }))).toMatchObject({ status: 400, path: ["call"] });
    expect(await errorOf("/api/rtmp/on-publish-done", form({ call: "publish_done", app: "ingest" }))).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["name"] });
  });

  it("POST /api/test-checkout/[id]/pay: a Checkout Session id that is not one is 400 at path id", async () => {
    expect(await errorOf("/api/test-checkout/cs_test%20x!/pay", { method: "POST", headers: { cookie: jar.header() } })).toMatchObject({ status: 400, code: "VALIDATION_FAILED", path: ["id"] });
  });
});

describe("the watch page reads /api/watch through its contract", () => {
  it("refuses a reply that breaks the contract with a message and a retry, without a page error, and asks the server again on retry", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on("pageerror", (error) => pageErrors.push(error));
    await signIn(page, app.url, viewer.user.email, viewer.password, "/");
    // The first reply claims HLS without a signed URL; the next ones come from the server untouched.
    let tampered = 0;
    await page.route("**/api/watch/**", async (route) => {
      if (tampered++ > 0) return route.continue();
      await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ mode: "hls", expiresAt: Date.now() + 60_000 }) });
    });
    await page.goto(`${app.url}/watch/${liveEventId}`);
    const alert = page.getByRole("alert").filter({ hasText: "The watch routing response was malformed" });
    await alert.waitFor({ timeout: 30_000 });
    const retried = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/watch/${liveEventId}`);
    await alert.getByRole("button", { name: "Try again" }).click();
    await retried;
    await alert.waitFor({ state: "detached", timeout: 30_000 });
    expect(tampered).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
