/**
 * Payments through a production build of apps/web over real HTTP:
 * - with Stripe keys (the real stripe client in the app pointed at
 *   fake-stripe): Stripe-style webhook deliveries to /api/webhooks/stripe,
 *   duplicated and tampered;
 * - without keys (test mode): the /test-checkout/<id> page in Debian
 *   Chromium says "Test mode", Pay grants the ticket through the signed
 *   webhook path, Cancel frees the seat. Screenshots in artifacts/commerce/.
 */
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { artifactsDir, createSqliteDatabase, launchChromium, startWebApp, type WebApp } from "@limelight/testkit";
import { createCommerce } from "./create-commerce";
import { TestModePaymentProvider } from "./test-mode-payment-provider";
import { createUser } from "@limelight/db/seed/factories";
import { signIn } from "../../../test/support/sign-in";
import { seedEvent, seedUser, stripeDeps } from "./testing/fixtures";

const shots = artifactsDir("commerce");
const TEST_MODE_SECRET = "whsec_commerce_browser_test_secret";
let dbUrl: string;
let db: Db;
let fake: FakeStripe;
let stripeApp: WebApp;
let testModeApp: WebApp;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dbUrl = createSqliteDatabase();
  db = createDb(dbUrl);
  fake = await startFakeStripe();
  const common = { DATABASE_URL: dbUrl, LOG_LEVEL: "warn" };
  [stripeApp, testModeApp] = await Promise.all([
    startWebApp({
      ...common,
      STRIPE_SECRET_KEY: "sk_test_limelight_fake",
      STRIPE_API_HOST: fake.host,
      STRIPE_API_PORT: String(fake.port),
      STRIPE_API_PROTOCOL: "http",
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
    }),
    startWebApp({ ...common, STRIPE_WEBHOOK_SECRET: TEST_MODE_SECRET }),
  ]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stripeApp?.stop();
  await testModeApp?.stop();
  await fake?.stop();
  await db?.$disconnect();
});

describe("the Stripe webhook endpoint of the running app", () => {
  it("grants one ticket for a paid session delivered twice, and answers 400 to a tampered delivery", async () => {
    const shop = createCommerce(stripeDeps(db, fake, { appUrl: stripeApp.url }));
    const { eventId } = await seedEvent(db, { capacity: 2 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: { userId: buyer.userId, role: "viewer" }, eventId });
    fake.completeSession(started.sessionId);
    const endpoint = `${stripeApp.url}/api/webhooks/stripe`;

    const tampered = fake.sign(fake.eventFor("checkout.session.completed", started.sessionId));
    const forged = await fetch(endpoint, {
      method: "POST",
      headers: { "stripe-signature": tampered.header, "content-type": "application/json" },
      body: tampered.payload.replace('"livemode": false', '"livemode": true'),
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: { code: "INVALID_SIGNATURE" } });
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);

    const event = fake.eventFor("checkout.session.completed", started.sessionId);
    const first = await fake.deliver(endpoint, event);
    const second = await fake.deliver(endpoint, event);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ received: true, outcome: "processed" });
    expect(JSON.parse(second.body)).toMatchObject({ received: true, outcome: "duplicate" });
    const tickets = await db.ticket.findMany({ where: { eventId } });
    expect(tickets.map((t) => [t.userId, t.status])).toEqual([[buyer.userId, "valid"]]);
  });
});

/** Commerce in test mode against the running web app (the local payment page and its signed webhook). */
function testModeShop() {
  return createCommerce({ db, provider: new TestModePaymentProvider(db, testModeApp.url), webhookSecret: TEST_MODE_SECRET, appUrl: testModeApp.url, tipMinCents: 100 });
}

describe("the test-mode payment page", () => {
  it("says Test mode, and Pay grants the ticket through the same signed-webhook fulfilment", async () => {
    const shop = testModeShop();
    const { eventId } = await seedEvent(db, { capacity: 1, priceCents: 1800 });
    const { user: buyer, password } = await createUser(db);
    const started = await shop.startTicketCheckout({ actor: { userId: buyer.id, role: "viewer" }, eventId, successPath: "/api/health?paid={CHECKOUT_SESSION_ID}" });
    const page = await browser.newPage();
    // Only the buyer may use their test checkout: sign in first, as the buyer would be.
    await signIn(page, testModeApp.url, buyer.email, password, new URL(started.checkoutUrl).pathname);
    await expect(page.getByTestId("test-mode-banner").textContent()).resolves.toContain("Test mode");
    await expect(page.getByTestId("amount").textContent()).resolves.toBe("$18.00");
    await page.screenshot({ path: join(shots, "test-checkout-open.png"), fullPage: true });
    await page.getByRole("button", { name: /Pay \$18\.00/ }).click();
    await page.waitForURL(/\/api\/health\?paid=/);
    expect(page.url()).toContain(started.sessionId);
    const ticket = await db.ticket.findUniqueOrThrow({ where: { checkoutSessionId: started.sessionId } });
    expect(ticket).toMatchObject({ userId: buyer.id, status: "valid", amountCents: 1800 });

    await page.goto(started.checkoutUrl);
    await page.getByText("This checkout is paid").waitFor();
    await page.screenshot({ path: join(shots, "test-checkout-paid.png"), fullPage: true });
    await page.close();
  });

  it("Cancel returns to the cancel page and frees the held seat", async () => {
    const shop = testModeShop();
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const { user: buyer, password } = await createUser(db);
    const started = await shop.startTicketCheckout({ actor: { userId: buyer.id, role: "viewer" }, eventId, cancelPath: "/api/health?cancelled=1" });
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(1);
    // Someone else (signed out) cannot cancel it: 403 JSON, the seat stays held.
    const stranger = await fetch(`${testModeApp.url}/api/test-checkout/${started.sessionId}/cancel`, { method: "POST", redirect: "manual" });
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(1);
    const page = await browser.newPage();
    await signIn(page, testModeApp.url, buyer.email, password, new URL(started.checkoutUrl).pathname);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL(/cancelled=1/);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
    await page.close();
  });
});
