/**
 * Issue 16 through a production build of apps/web over HTTP and in Debian
 * Chromium, with the app's real stripe client pointed at fake-stripe (which
 * also delivers its Connect webhooks to the app):
 * - a performer connects Stripe (fake onboarding), a show sells, ends, an
 *   admin settles it, and the performer sees the transfer in their statement;
 * - event pages: Open Graph tags, .ics, countdown, "N tickets left";
 * - poster upload: non-image and 20 MB refused, the page serves the WebP;
 * - the background worker runs from the server's start: an abandoned
 *   checkout's seat comes back although the server has sold nothing yet.
 * Screenshots in artifacts/payouts/.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createEvent, createUser, type SeededUser } from "@limelight/db/seed/factories";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { freePort } from "@limelight/free-port";
import { artifactsDir, createSqliteDatabase, launchChromium, startWebApp, type WebApp } from "@limelight/testkit";
import { createCommerce } from "../src/server/commerce/create-commerce";
import { stripeDeps } from "../src/server/commerce/testing/fixtures";
import { signInWithBaseUrl as signIn } from "./support/sign-in";

const shots = artifactsDir("payouts");
let db: Db;
let fake: FakeStripe;
let app: WebApp;
let browser: Browser;
let admin: SeededUser;
let performer: SeededUser;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1200, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const url = createSqliteDatabase();
  db = createDb(url);
  admin = await createUser(db, { role: "admin", name: "Ada Admin" });
  performer = await createUser(db, { role: "performer", name: "Pia Performer" });
  const port = await freePort();
  fake = await startFakeStripe({ webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe` });
  app = await startWebApp(
    {
      DATABASE_URL: url,
      LOG_LEVEL: "warn",
      AUTH_SECRET: "payouts-browser-test-auth-secret-0123456789",
      STRIPE_SECRET_KEY: "sk_test_limelight_fake",
      STRIPE_API_HOST: fake.host,
      STRIPE_API_PORT: String(fake.port),
      STRIPE_API_PROTOCOL: "http",
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      POSTER_DIR: mkdtempSync(join(tmpdir(), "limelight-posters-")),
      WORKER_INTERVAL_MS: "2000",
    },
    { port },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  await fake?.stop();
  await db?.$disconnect();
});

// First in the file: the server has not handled any sale, webhook or checkout yet.
describe("background worker from the server's start", () => {
  it("returns the seat of an abandoned checkout, its Checkout Session expired, before the server has sold anything", async () => {
    const event = await createEvent(db, { title: "Abandoned Seat Show", priceCents: 1000, capacity: 1 });
    const buyer = await createUser(db, { role: "viewer" });
    const shop = createCommerce(stripeDeps(db, fake, { appUrl: app.url }));
    const started = await shop.startTicketCheckout({ actor: { userId: buyer.user.id, role: "viewer" }, eventId: event.id });
    await db.seatHold.updateMany({ where: { checkoutSessionId: started.sessionId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await expect.poll(async () => (await db.seatHold.findFirstOrThrow({ where: { checkoutSessionId: started.sessionId } })).status, { timeout: 60_000, interval: 250 }).toBe("released");
    expect(fake.sessions.get(started.sessionId)?.status).toBe("expired");
  });
});

describe("performer payouts in the browser", () => {
  it("a performer connects, the show sells and ends, the admin settles it, and the performer sees the transfer", async () => {
    const host = await newPage();
    await signIn(host, performer.user.email, performer.password);
    await host.goto("/studio/settings");
    await expect(host.getByTestId("payout-account-status").textContent()).resolves.toContain("Not connected");
    await host.getByRole("button", { name: "Connect with Stripe" }).click();
    // Fake onboarding finishes at once and sends the performer back to the return URL.
    await host.waitForURL(/\/studio\/settings\?connect=return/);
    await expect(host.getByTestId("payout-account-status").textContent()).resolves.toContain("Connected");
    await host.screenshot({ path: join(shots, "studio-settings-connected.png"), fullPage: true });
    const account = await db.connectedAccount.findUniqueOrThrow({ where: { userId: performer.user.id } });
    expect(account.payoutsEnabled).toBe(true);

    const event = await createEvent(db, { title: "Payday Show", priceCents: 1500, hosts: [{ userId: performer.user.id, shareBps: 10_000 }] });
    const shop = createCommerce(stripeDeps(db, fake, { appUrl: app.url }));
    for (let i = 0; i < 2; i += 1) {
      const buyer = await createUser(db, { role: "viewer" });
      const started = await shop.startTicketCheckout({ actor: { userId: buyer.user.id, role: "viewer" }, eventId: event.id });
      fake.completeSession(started.sessionId);
      const delivered = await fake.deliver(`${app.url}/api/webhooks/stripe`, fake.eventFor("checkout.session.completed", started.sessionId));
      expect(delivered.status).toBe(200);
    }
    await db.event.update({ where: { id: event.id }, data: { status: "ended", endedAt: new Date() } });

    const adminPage = await newPage();
    await signIn(adminPage, admin.user.email, admin.password);
    await adminPage.goto("/admin/payouts");
    await adminPage.getByRole("form", { name: "Settle Payday Show" }).getByRole("button", { name: "Settle now" }).click();
    // The settled show re-renders with its transfer (and without the button).
    const table = adminPage.getByRole("table", { name: "Transfers for Payday Show" });
    await table.waitFor();
    await expect(table.textContent()).resolves.toMatch(/Pia Performer\s*sent\s*\$30\.00\s*tr_/);
    await expect(adminPage.getByRole("form", { name: "Settle Payday Show" }).count()).resolves.toBe(0);
    await adminPage.screenshot({ path: join(shots, "admin-payouts.png"), fullPage: true });

    const transfers = [...fake.connect.transfers.values()].filter((t) => t.destination === account.stripeAccountId);
    expect(transfers.map((t) => [t.amount, t.transfer_group])).toEqual([[3000, event.id]]);
    await host.goto("/studio/settings");
    const movements = host.getByRole("table", { name: "Payout movements" });
    await expect(movements.textContent()).resolves.toContain("Payday Show");
    await expect(movements.textContent()).resolves.toContain("$30.00");
    await expect(movements.textContent()).resolves.toContain(transfers[0]?.id ?? "tr_");
    await host.screenshot({ path: join(shots, "performer-statement.png"), fullPage: true });
  });
});

describe("event pages that sell", () => {
  it("carries Open Graph and Twitter tags, a countdown, scarcity and an .ics that parses", async () => {
    const startsAt = new Date(Date.now() + 2 * 24 * 3600_000);
    const event = await createEvent(db, { title: "Share Me", startsAt, capacity: 10, durationMinutes: 45 });
    await db.event.update({ where: { id: event.id }, data: { seatsTaken: 9 } });
    const html = await (await fetch(`${app.url}/events/${event.slug}`)).text();
    expect(html).toMatch(/<meta property="og:title" content="Share Me"/);
    expect(html).toContain(`<meta property="og:image" content="${app.url}/default-poster.jpg"`);
    expect(html).toMatch(/<meta name="twitter:card" content="summary_large_image"/);
    expect(html).not.toMatch(/posterUrl|https:\/\/elsewhere/);

    const page = await newPage();
    await page.goto(`/events/${event.slug}`);
    // The countdown ticks once the page is hydrated (before that the server renders "Starts soon").
    await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^Starts in 1d 23:5\d:\d\d$/);
    await expect(page.getByText("1 ticket left").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(shots, "event-page.png"), fullPage: true });

    const res = await fetch(`${app.url}/events/${event.slug}/calendar.ics`);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const vevent = new ICAL.Component(ICAL.parse(await res.text())).getFirstSubcomponent("vevent");
    if (!vevent) throw new Error("no VEVENT");
    const parsed = new ICAL.Event(vevent);
    expect(parsed.summary).toBe("Share Me");
    expect(parsed.startDate.toJSDate().getTime()).toBe(Math.floor(startsAt.getTime() / 60_000) * 60_000);
    expect(parsed.duration.toSeconds()).toBe(45 * 60);
    expect(vevent.getFirstPropertyValue("url")).toBe(`${app.url}/watch/${event.id}`);
  });

  it("turns the countdown into Live now with a link to the watch page when the show goes live", async () => {
    const event = await createEvent(db, { title: "Going Live", startsAt: new Date(Date.now() + 3000) });
    const page = await newPage();
    await page.goto(`/events/${event.slug}`);
    await page.getByText("Starting any moment…").waitFor({ timeout: 30_000 });
    await db.event.update({ where: { id: event.id }, data: { status: "live", liveAt: new Date() } });
    const live = page.getByRole("status").filter({ hasText: "Live now" });
    await live.waitFor({ timeout: 30_000 });
    await expect(live.getByRole("link", { name: "Go to the show" }).getAttribute("href")).resolves.toBe(`/watch/${event.id}`);
  });

  it("takes a poster upload from an admin, refusing a renamed non-image and a 20 MB file, and serves the resized WebP", async () => {
    const event = await createEvent(db, { title: "Poster Show", posterUrl: "https://elsewhere.example/hotlink.jpg" });
    const page = await newPage();
    await signIn(page, admin.user.email, admin.password);
    const endpoint = `/api/admin/events/${event.id}/poster`;
    const upload = (name: string, mimeType: string, buffer: Buffer) => page.request.post(endpoint, { multipart: { poster: { name, mimeType, buffer } } });

    const fakeJpeg = await upload("poster.jpg", "image/jpeg", Buffer.from("MZ this is an executable, not a picture"));
    expect(fakeJpeg.status()).toBe(400);
    expect(await fakeJpeg.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", message: "The poster must be a JPEG, PNG or WebP image" } });
    const huge = await upload("huge.jpg", "image/jpeg", Buffer.alloc(20 * 1024 * 1024, 0xff));
    expect(huge.status()).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: "TOO_LARGE", message: "The poster is larger than 10 MB" } });
    const stranger = await fetch(`${app.url}${endpoint}`, { method: "POST", body: new FormData() });
    expect(stranger.status).toBe(401);

    const png = await sharp({ create: { width: 1600, height: 1600, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const ok = await upload("my poster.png", "image/png", png);
    expect(ok.status()).toBe(200);
    const { urls } = (await ok.json()) as { urls: { webp: string; jpeg: string } };

    const html = await (await fetch(`${app.url}/events/${event.slug}`)).text();
    expect(html).toContain(`srcSet="${urls.webp}"`);
    expect(html).not.toContain("elsewhere.example");
    expect(html).toContain(`<meta property="og:image" content="${app.url}${urls.jpeg}"`);
    const webp = await fetch(`${app.url}${urls.webp}`);
    expect(webp.headers.get("content-type")).toBe("image/webp");
    expect(webp.headers.get("cache-control")).toContain("immutable");
    const meta = await sharp(Buffer.from(await webp.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 1200, 630]);
    expect((await fetch(`${app.url}/posters/..%2F..%2Fetc/1200.webp`)).status).toBe(404);
  });
});
