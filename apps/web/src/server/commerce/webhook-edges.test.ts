/**
 * Webhook edges as Stripe documents them, through the webhook route handler
 * (raw body + Stripe-Signature signed with the real stripe library, the real
 * stripe client pointed at fake-stripe): unknown objects acknowledged with
 * 200, a paid session whose hold is gone fulfilled or refunded (never
 * ignored), signatures outside the tolerance in either direction refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { createSqliteDatabase } from "@limelight/testkit";
import { createCommerce, type Commerce } from "./create-commerce";
import { stripeWebhookHandler } from "./webhook-route";
import { seedEvent, seedUser, stripeDeps } from "./testing/fixtures";

let db: Db;
let fake: FakeStripe;
let shop: Commerce;
const logged: string[] = [];

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  fake = await startFakeStripe();
  shop = createCommerce(stripeDeps(db, fake, { log: (message) => logged.push(message) }));
});
afterAll(async () => {
  await db?.$disconnect();
  await fake?.stop();
});

async function post(signed: { payload: string; header: string }): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await stripeWebhookHandler(() => shop)(
    new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": signed.header }, body: signed.payload }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A buyer's paid session whose seat hold row has vanished (the seat it held given back). */
async function paidSessionWithoutHold(capacity: number) {
  const { eventId } = await seedEvent(db, { capacity, priceCents: 1700 });
  const buyer = await seedUser(db);
  const started = await shop.startTicketCheckout({ actor: { userId: buyer.userId, role: "viewer" }, eventId });
  await db.seatHold.deleteMany({ where: { checkoutSessionId: started.sessionId } });
  await db.event.update({ where: { id: eventId }, data: { seatsTaken: { decrement: 1 } } });
  const paid = fake.completeSession(started.sessionId);
  return { eventId, buyer, sessionId: started.sessionId, paymentIntent: paid.payment_intent as string };
}

describe("Stripe webhook edges", () => {
  it("acknowledges a signed event for a Checkout Session Stripe does not know with 200, and logs it", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: { userId: buyer.userId, role: "viewer" }, eventId });
    const event = fake.eventFor("checkout.session.completed", started.sessionId);
    (event.data.object as { id: string }).id = "cs_test_not_a_session_we_or_stripe_know";
    const res = await post(fake.sign(event));
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ received: true, outcome: "unknown_object" }) });
    expect(logged.some((m) => m.includes("does not know"))).toBe(true);
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
  });

  it("grants a ticket for a paid session whose hold is gone when a seat is free", async () => {
    const s = await paidSessionWithoutHold(2);
    const res = await post(fake.sign(fake.eventFor("checkout.session.completed", s.sessionId)));
    expect(res.status).toBe(200);
    expect(await db.ticket.findMany({ where: { eventId: s.eventId }, select: { userId: true, status: true } })).toEqual([{ userId: s.buyer.userId, status: "valid" }]);
    expect((await db.event.findUniqueOrThrow({ where: { id: s.eventId } })).seatsTaken).toBe(1);
    expect(fake.refunds.filter((r) => r.payment_intent === s.paymentIntent)).toEqual([]);
  });

  it("refunds a paid session whose hold is gone when no seat is left, once however often it is delivered", async () => {
    const s = await paidSessionWithoutHold(1);
    const other = await seedUser(db);
    await shop.startTicketCheckout({ actor: { userId: other.userId, role: "viewer" }, eventId: s.eventId });
    const event = fake.eventFor("checkout.session.completed", s.sessionId);
    expect((await post(fake.sign(event))).status).toBe(200);
    expect((await post(fake.sign(fake.eventFor("checkout.session.completed", s.sessionId)))).status).toBe(200);
    expect(fake.refunds.filter((r) => r.payment_intent === s.paymentIntent).map((r) => r.amount)).toEqual([1700]);
    expect(await db.ticket.findMany({ where: { eventId: s.eventId, userId: s.buyer.userId }, select: { status: true } })).toEqual([{ status: "refunded" }]);
  });

  it("refuses signatures dated beyond the 5-minute tolerance in either direction with 400, changing nothing", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: { userId: buyer.userId, role: "viewer" }, eventId });
    fake.completeSession(started.sessionId);
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now + 600, now - 600]) {
      const res = await post(fake.sign(fake.eventFor("checkout.session.completed", started.sessionId), { timestamp }));
      expect(res).toEqual({ status: 400, body: { error: expect.objectContaining({ code: "INVALID_SIGNATURE" }) } });
    }
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
    // Within the tolerance (a little clock skew) it is accepted.
    expect((await post(fake.sign(fake.eventFor("checkout.session.completed", started.sessionId), { timestamp: now + 60 }))).status).toBe(200);
    expect(await db.ticket.count({ where: { eventId, status: "valid" } })).toBe(1);
  });
});
