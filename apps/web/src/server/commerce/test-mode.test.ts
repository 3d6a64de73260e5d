import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { type Actor } from "@limelight/domain";
import { createCommerce, type Commerce } from "./create-commerce";
import { TestModePaymentProvider } from "./test-mode-payment-provider";
import { testCheckoutHandler } from "./test-checkout-route";
import { stripeWebhookHandler } from "./webhook-route";
import { seedEvent, seedUser, type SeededUser } from "./testing/fixtures";

const SECRET = "whsec_limelight_test_mode_local_secret";
let db: Db;
let shop: Commerce;
let clock = Date.now();

beforeAll(() => {
  db = createDb(createSqliteDatabase());
  const now = () => new Date(clock);
  shop = createCommerce({ db, provider: new TestModePaymentProvider(db, "http://localhost:3000", now), webhookSecret: SECRET, appUrl: "http://localhost:3000", tipMinCents: 100, now });
});
afterAll(async () => {
  await db?.$disconnect();
});

const actor = (u: SeededUser): Actor => ({ userId: u.userId, role: u.role });
const press = (action: "pay" | "cancel", sessionId: string, who: Actor | null) =>
  testCheckoutHandler(() => shop, action, () => Promise.resolve(who))(new Request(`http://localhost:3000/api/test-checkout/${sessionId}/${action}`, { method: "POST" }), {
    params: Promise.resolve({ id: sessionId }),
  });

describe("test mode (no Stripe keys): the built-in payment page and the same fulfilment path", () => {
  it("sends the buyer to /test-checkout/<id>; Pay grants the ticket through a locally signed webhook", async () => {
    const { eventId, slug, hosts } = await seedEvent(db, { capacity: 3, priceCents: 1200, hostShares: [10_000] });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    expect(shop.testMode).toBe(true);
    expect(started.testMode).toBe(true);
    expect(started.checkoutUrl).toBe(`http://localhost:3000/test-checkout/${started.sessionId}`);
    const view = await shop.testCheckout.view(actor(buyer), started.sessionId);
    expect(view).toMatchObject({ status: "open", amountCents: 1200, currency: "usd", productName: expect.stringContaining("Ticket") });

    const res = await press("pay", started.sessionId, actor(buyer));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://localhost:3000/events/${slug}?checkout=success&session_id=${started.sessionId}`);
    const ticket = await db.ticket.findUniqueOrThrow({ where: { checkoutSessionId: started.sessionId } });
    expect(ticket).toMatchObject({ status: "valid", userId: buyer.userId, amountCents: 1200, testMode: true });
    expect(await db.processedStripeEvent.count()).toBeGreaterThan(0);
    expect(await db.ledgerEntry.findMany({ where: { sourceId: ticket.id } })).toEqual([expect.objectContaining({ hostUserId: hosts[0]?.userId, amountCents: 1200 })]);

    // Paying twice is refused on the page, and grants nothing more.
    const again = await press("pay", started.sessionId, actor(buyer));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toContain(`/test-checkout/${started.sessionId}?error=`);
    expect(await db.ticket.count({ where: { eventId } })).toBe(1);
    expect(await shop.checkoutStatus({ actor: actor(buyer), sessionId: started.sessionId })).toMatchObject({ state: "granted", testMode: true });

    // An admin refund goes through the test provider too.
    const admin = await seedUser(db, "admin");
    expect(await shop.refundTicket({ actor: actor(admin), ticketId: ticket.id })).toMatchObject({ status: "refunded", refundId: expect.stringMatching(/^re_test_/) });
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
  });

  it("verifies test-mode webhooks with the real stripe library like Stripe's: a forged one is refused", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    const forged = JSON.stringify({ id: "evt_forged", object: "event", type: "checkout.session.completed", data: { object: { id: started.sessionId, object: "checkout.session" } } });
    const post = stripeWebhookHandler(() => shop);
    const bad = Stripe.webhooks.generateTestHeaderString({ payload: forged, secret: "whsec_guess" });
    const res = await post(new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": bad }, body: forged }));
    expect(res.status).toBe(400);
    // Even a correctly signed event is only a trigger: the session is re-read, and it is not paid.
    const signed = Stripe.webhooks.generateTestHeaderString({ payload: forged, secret: SECRET });
    const ok = await post(new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": signed }, body: forged }));
    expect(ok.status).toBe(200);
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
  });

  it("Cancel expires the session and gives the seat back at once", async () => {
    const { eventId, slug } = await seedEvent(db, { capacity: 1 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    const res = await press("cancel", started.sessionId, actor(buyer));
    expect(res.headers.get("location")).toBe(`http://localhost:3000/events/${slug}?checkout=cancelled`);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
    expect((await shop.testCheckout.view(actor(buyer), started.sessionId)).status).toBe("expired");
    expect((await press("pay", started.sessionId, actor(buyer))).headers.get("location")).toContain("error=");
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
  });

  it("lets an unpaid test session lapse at expires_at; the sweep frees its seat", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    clock += 32 * 60_000;
    expect((await shop.sweepExpiredHolds()).released).toBeGreaterThanOrEqual(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
    expect((await shop.testCheckout.view(actor(buyer), started.sessionId)).status).toBe("expired");
  });

  it("confirms a tip paid on the test page", async () => {
    const { eventId } = await seedEvent(db, { capacity: 2, status: "live" });
    const fan = await seedUser(db);
    await shop.testCheckout.pay(actor(fan), (await shop.startTicketCheckout({ actor: actor(fan), eventId })).sessionId);
    const tip = await shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 300, message: "hi" });
    const paid = await shop.testCheckout.pay(actor(fan), tip.sessionId);
    expect(paid.redirectUrl).toBe(`http://localhost:3000/watch/${eventId}?tip=success&session_id=${tip.sessionId}`);
    expect(await db.tip.findUniqueOrThrow({ where: { id: tip.tipId } })).toMatchObject({ status: "confirmed", confirmedAt: expect.any(Date) });
  });

  it("lets only the buyer (or an admin) see, pay or cancel a test checkout: anyone else gets 403 and nothing changes", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1, priceCents: 900 });
    const buyer = await seedUser(db);
    const stranger = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    for (const who of [null, actor(stranger)]) {
      for (const action of ["pay", "cancel"] as const) {
        const res = await press(action, started.sessionId, who);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
      }
      await expect(shop.testCheckout.view(who, started.sessionId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // The buyer's seat is still held and unpaid.
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(1);
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
    expect((await shop.testCheckout.view(actor(buyer), started.sessionId)).status).toBe("open");
    // An admin may act on it (support), and a malformed id is a 400, never a 500.
    const admin = await seedUser(db, "admin");
    expect((await press("cancel", started.sessionId, actor(admin))).status).toBe(303);
    expect((await press("pay", "cs_test_\u0000bad", actor(buyer))).status).toBe(400);
  });
});
