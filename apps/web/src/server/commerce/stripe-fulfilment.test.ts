import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { type Actor } from "@limelight/domain";
import { createCommerce, type Commerce } from "./create-commerce";
import { stripeWebhookHandler } from "./webhook-route";
import { seedEvent, seedUser, stripeDeps, type SeededUser } from "./testing/fixtures";

let db: Db;
let fake: FakeStripe;
let shop: Commerce;
const clock = Date.now();
let postWebhook: (req: Request) => Promise<Response>;

beforeAll(async () => {
  fake = await startFakeStripe({ now: () => clock });
});
afterAll(async () => {
  await fake?.stop();
});
// A fresh database per test, so sweeps only see this test's holds.
beforeEach(() => {
  db = createDb(createSqliteDatabase());
  shop = createCommerce(stripeDeps(db, fake, { now: () => new Date(clock) }));
  postWebhook = stripeWebhookHandler(() => shop);
});
afterEach(async () => {
  await db?.$disconnect();
});

const actor = (u: SeededUser): Actor => ({ userId: u.userId, role: u.role });

/** Delivers an event through the route handler: raw body + Stripe-Signature header in, status and JSON out. */
async function deliver(payload: string, header: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (header !== null) headers["stripe-signature"] = header;
  const res = await postWebhook(new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: payload }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function deliverEvent(type: string, sessionId: string) {
  const { payload, header } = fake.sign(fake.eventFor(type, sessionId));
  return deliver(payload, header);
}

async function seats(eventId: string) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
  const tickets = await db.ticket.count({ where: { eventId, status: "valid" } });
  const openHolds = await db.seatHold.count({ where: { eventId, status: "open" } });
  return { seatsTaken: event.seatsTaken, tickets, openHolds };
}

describe("buying a ticket through Stripe Checkout (real stripe client, fake Stripe server)", () => {
  it("holds a seat while the Checkout Session is open and grants exactly one ticket however the webhooks arrive", async () => {
    const { eventId, hosts } = await seedEvent(db, { capacity: 5, priceCents: 1001, hostShares: [5000, 5000] });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    expect(started.testMode).toBe(false);
    expect(started.checkoutUrl).toContain(started.sessionId);
    const session = fake.sessions.get(started.sessionId);
    expect(session?.metadata).toMatchObject({ kind: "ticket", eventId, userId: buyer.userId });
    expect(session?.client_reference_id).toBe(buyer.userId);
    expect((session?.expires_at ?? 0) - Math.floor(clock / 1000)).toBeGreaterThanOrEqual(30 * 60);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 0, openHolds: 1 });

    // An `expired` snapshot taken before payment, then the payment, then duplicates in a shuffled order.
    const staleExpired = fake.sign(fake.eventFor("checkout.session.expired", started.sessionId));
    fake.completeSession(started.sessionId);
    const completed = fake.sign(fake.eventFor("checkout.session.completed", started.sessionId));
    const asyncSucceeded = fake.sign(fake.eventFor("checkout.session.async_payment_succeeded", started.sessionId));
    const replies = [];
    for (const e of [staleExpired, completed, completed, asyncSucceeded, staleExpired]) replies.push(await deliver(e.payload, e.header));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replies[2]?.body.outcome).toBe("duplicate");
    // Plus two concurrent deliveries of the same event id.
    await Promise.all([deliver(completed.payload, completed.header), deliver(completed.payload, completed.header)]);

    const tickets = await db.ticket.findMany({ where: { eventId, userId: buyer.userId } });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ status: "valid", source: "purchase", checkoutSessionId: started.sessionId, amountCents: 1001, testMode: false });
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 1, openHolds: 0 });
    const ledger = await db.ledgerEntry.findMany({ where: { eventId }, orderBy: { amountCents: "desc" } });
    expect(ledger.map((l) => l.amountCents)).toEqual([501, 500]);
    expect(new Set(ledger.map((l) => l.hostUserId))).toEqual(new Set(hosts.map((h) => h.userId)));

    const status = await shop.checkoutStatus({ actor: actor(buyer), sessionId: started.sessionId });
    expect(status).toMatchObject({ state: "granted", kind: "ticket", ticketId: tickets[0]?.id });
  });

  it("answers 400 to an unsigned, wrongly signed or tampered webhook and changes nothing", async () => {
    const { eventId } = await seedEvent(db, { capacity: 2 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    fake.completeSession(started.sessionId);
    const event = fake.eventFor("checkout.session.completed", started.sessionId);
    const { payload, header } = fake.sign(event);
    const tampered = payload.replace(started.sessionId, "cs_test_someone_else");
    const wrongSecret = fake.sign(event, { secret: "whsec_attacker" });
    const stale = fake.sign(event, { timestamp: Math.floor(clock / 1000) - 3600 });

    for (const attempt of [
      await deliver(payload, null),
      await deliver(tampered, header),
      await deliver(payload, wrongSecret.header),
      await deliver(payload, stale.header),
      await deliver(payload, "t=1,v1=deadbeef"),
    ]) {
      expect(attempt.status).toBe(400);
      expect(attempt.body).toMatchObject({ error: { code: "INVALID_SIGNATURE" } });
    }
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
    expect(await db.processedStripeEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 0, openHolds: 1 });

    expect((await deliver(payload, header)).status).toBe(200);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 1, openHolds: 0 });
  });

  it("frees the seat of an expired Checkout Session so the next buyer gets it", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const first = await seedUser(db);
    const second = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(first), eventId });
    await expect(shop.startTicketCheckout({ actor: actor(second), eventId })).rejects.toMatchObject({ code: "SOLD_OUT" });

    fake.expireSession(started.sessionId);
    const expired = await deliverEvent("checkout.session.expired", started.sessionId);
    expect(expired.status).toBe(200);
    await deliverEvent("checkout.session.expired", started.sessionId); // a second event id for the same expiry
    expect(await seats(eventId)).toEqual({ seatsTaken: 0, tickets: 0, openHolds: 0 });

    const next = await shop.startTicketCheckout({ actor: actor(second), eventId });
    expect(next.sessionId).not.toBe(started.sessionId);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 0, openHolds: 1 });
    expect(await shop.checkoutStatus({ actor: actor(first), sessionId: started.sessionId })).toMatchObject({ state: "expired" });
  });

  it("sweeps holds past their expiry (expiring the session at Stripe), and refunds a payment that lands after its seat was resold", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1, priceCents: 2500 });
    const late = await seedUser(db);
    const other = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(late), eventId });
    expect((await shop.sweepExpiredHolds(new Date(clock))).released).toBe(0);

    const sweep = await shop.sweepExpiredHolds(new Date(clock + 32 * 60_000));
    expect(sweep.released).toBe(1);
    expect(fake.sessions.get(started.sessionId)?.status).toBe("expired");
    expect(await seats(eventId)).toEqual({ seatsTaken: 0, tickets: 0, openHolds: 0 });

    const otherCheckout = await shop.startTicketCheckout({ actor: actor(other), eventId });
    fake.completeSession(otherCheckout.sessionId);
    await deliverEvent("checkout.session.completed", otherCheckout.sessionId);

    // Stripe took the late buyer's payment anyway (a race on Stripe's side): no seat is left, so it is refunded.
    fake.completeSession(started.sessionId, { force: true });
    const reply = await deliverEvent("checkout.session.completed", started.sessionId);
    await deliverEvent("checkout.session.completed", started.sessionId);
    expect(reply.status).toBe(200);
    const paidIntent = fake.sessions.get(started.sessionId)?.payment_intent;
    expect(fake.refunds.filter((r) => r.payment_intent === paidIntent)).toHaveLength(1);
    const record = await db.ticket.findUniqueOrThrow({ where: { checkoutSessionId: started.sessionId } });
    expect(record.status).toBe("refunded");
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 1, openHolds: 0 });
    expect(await shop.checkoutStatus({ actor: actor(late), sessionId: started.sessionId })).toMatchObject({ state: "refunded" });
    const statement = await shop.eventStatement({ actor: { userId: "admin", role: "admin" }, eventId });
    expect(statement).toMatchObject({ ticketsSold: 1, grossTicketsCents: 5000, refundsCents: 2500, netCents: 2500 });
  });

  it("grants the ticket when a payment lands after the hold expired but a seat is still free", async () => {
    const { eventId } = await seedEvent(db, { capacity: 3 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    await shop.sweepExpiredHolds(new Date(clock + 40 * 60_000));
    fake.completeSession(started.sessionId, { force: true });
    await deliverEvent("checkout.session.completed", started.sessionId);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 1, openHolds: 0 });
    expect(fake.refunds.some((r) => r.payment_intent === fake.sessions.get(started.sessionId)?.payment_intent)).toBe(false);
  });

  it("gives an abandoned checkout's seat to the next buyer once its hold has expired, even before any sweep ran", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const abandoning = await seedUser(db);
    const next = await seedUser(db);
    const first = await shop.startTicketCheckout({ actor: actor(abandoning), eventId });
    const later = createCommerce(stripeDeps(db, fake, { now: () => new Date(clock + 32 * 60_000) }));
    const second = await later.startTicketCheckout({ actor: actor(next), eventId });
    expect(fake.sessions.get(first.sessionId)?.status).toBe("expired");
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 0, openHolds: 1 });
  });

  it("turns a hold into a ticket during the sweep when Stripe says it was paid but the webhook has not arrived", async () => {
    const { eventId } = await seedEvent(db, { capacity: 2 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    fake.completeSession(started.sessionId);
    const sweep = await shop.sweepExpiredHolds(new Date(clock + 32 * 60_000));
    expect(sweep).toEqual({ released: 0, fulfilled: 1 });
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 1, openHolds: 0 });
  });

  it("shows the buyer their ticket on return even before the webhook arrives", async () => {
    const { eventId } = await seedEvent(db, { capacity: 2 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    expect(await shop.checkoutStatus({ actor: actor(buyer), sessionId: started.sessionId })).toMatchObject({ state: "pending" });
    fake.completeSession(started.sessionId);
    expect(await shop.checkoutStatus({ actor: actor(buyer), sessionId: started.sessionId })).toMatchObject({ state: "granted" });
    const stranger = await seedUser(db);
    await expect(shop.checkoutStatus({ actor: actor(stranger), sessionId: started.sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deliverEvent("checkout.session.completed", started.sessionId);
    expect(await db.ticket.count({ where: { eventId } })).toBe(1);
  });

  it("releases the hold when Stripe fails to create the session, and resumes an open checkout instead of holding twice", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const buyer = await seedUser(db);
    fake.failNext(1, 500);
    await expect(shop.startTicketCheckout({ actor: actor(buyer), eventId })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
    expect(await seats(eventId)).toEqual({ seatsTaken: 0, tickets: 0, openHolds: 0 });

    const first = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    const again = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    expect(again.sessionId).toBe(first.sessionId);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 0, openHolds: 1 });
    fake.completeSession(first.sessionId);
    await deliverEvent("checkout.session.completed", first.sessionId);
    await expect(shop.startTicketCheckout({ actor: actor(buyer), eventId })).rejects.toMatchObject({ code: "ALREADY_HAS_TICKET" });
  });

  it("starts afresh when the buyer's previous session already expired, and grants a paid one whose webhook is late", async () => {
    const { eventId } = await seedEvent(db, { capacity: 2 });
    const buyer = await seedUser(db);
    const first = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    fake.expireSession(first.sessionId);
    const second = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 0, openHolds: 1 });
    fake.completeSession(second.sessionId);
    await expect(shop.startTicketCheckout({ actor: actor(buyer), eventId })).rejects.toMatchObject({ code: "ALREADY_HAS_TICKET" });
    expect(await seats(eventId)).toEqual({ seatsTaken: 1, tickets: 1, openHolds: 0 });
  });

  it("refuses to sell without sign-in, for events not on sale, or without acknowledging the content warning", async () => {
    const buyer = await seedUser(db);
    const draft = await seedEvent(db, { status: "draft" });
    const flagged = await seedEvent(db, { contentWarning: "Strobe lights" });
    await expect(shop.startTicketCheckout({ actor: null, eventId: flagged.eventId })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(shop.startTicketCheckout({ actor: actor(buyer), eventId: draft.eventId })).rejects.toMatchObject({ code: "EVENT_NOT_ON_SALE" });
    await expect(shop.startTicketCheckout({ actor: actor(buyer), eventId: "cnoshowwiththisid00000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A malformed id (here with a NUL byte) is refused before it reaches the database.
    await expect(shop.startTicketCheckout({ actor: actor(buyer), eventId: "nope\u0000" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(shop.startTicketCheckout({ actor: actor(buyer), eventId: flagged.eventId })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("content warning"),
    });
    const ok = await shop.startTicketCheckout({ actor: actor(buyer), eventId: flagged.eventId, acknowledgedContentWarning: true });
    expect(ok.sessionId).toMatch(/^cs_/);
  });
});
