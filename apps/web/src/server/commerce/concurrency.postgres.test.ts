import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { startPostgres, type PostgresServer } from "@limelight/testkit";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { isAppError } from "@limelight/domain";
import { createCommerce, type Commerce } from "./create-commerce";
import { seedEvent, seedUser, stripeDeps, type SeededUser } from "./testing/fixtures";

let pg: PostgresServer;
let db: Db;
let fake: FakeStripe;
let shop: Commerce;

beforeAll(async () => {
  pg = await startPostgres();
  db = createDb(await pg.createDatabase(), { poolSize: 20 });
  fake = await startFakeStripe();
  shop = createCommerce(stripeDeps(db, fake));
});
afterAll(async () => {
  await db?.$disconnect();
  await fake?.stop();
  await pg?.stop();
});

async function invariant(eventId: string) {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
  const tickets = await db.ticket.count({ where: { eventId, status: "valid" } });
  const openHolds = await db.seatHold.count({ where: { eventId, status: "open" } });
  return { capacity: event.capacity, seatsTaken: event.seatsTaken, tickets, openHolds };
}

describe("an on-sale rush on real PostgreSQL", () => {
  it("never oversells: 200 concurrent buyers for 20 seats, then concurrent, duplicated and expiring webhooks", async () => {
    const { eventId } = await seedEvent(db, { capacity: 20, priceCents: 2000, hostShares: [5000, 3000, 2000] });
    const buyers: SeededUser[] = await Promise.all(Array.from({ length: 200 }, () => seedUser(db)));

    const attempts = await Promise.allSettled(buyers.map((b) => shop.startTicketCheckout({ actor: { userId: b.userId, role: "viewer" }, eventId })));
    const started = attempts.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
    const refusals = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason as unknown] : []));
    expect(refusals.map((r) => (isAppError(r) ? r.code : String(r)))).toEqual(Array.from({ length: 180 }, () => "SOLD_OUT"));
    expect(started).toHaveLength(20);
    const firstHold = await db.seatHold.findFirstOrThrow({ where: { checkoutSessionId: started[0]?.sessionId } });
    expect(firstHold.expiresAt.toISOString()).toBe(started[0]?.expiresAt);
    expect(await invariant(eventId)).toEqual({ capacity: 20, seatsTaken: 20, tickets: 0, openHolds: 20 });

    // 12 buyers pay (each completion delivered twice, concurrently); 8 sessions expire; everything at once.
    const paying = started.slice(0, 12);
    const expiring = started.slice(12);
    for (const s of paying) fake.completeSession(s.sessionId);
    for (const s of expiring) fake.expireSession(s.sessionId);
    const deliveries = [
      ...paying.flatMap((s) => {
        const signed = fake.sign(fake.eventFor("checkout.session.completed", s.sessionId));
        const other = fake.sign(fake.eventFor("checkout.session.completed", s.sessionId));
        const late = fake.sign(fake.eventFor("checkout.session.async_payment_succeeded", s.sessionId));
        return [signed, signed, other, other, late];
      }),
      ...expiring.map((s) => fake.sign(fake.eventFor("checkout.session.expired", s.sessionId))),
    ];
    await Promise.all(deliveries.map((d) => shop.handleStripeWebhook(d.payload, d.header)));
    expect(await invariant(eventId)).toEqual({ capacity: 20, seatsTaken: 12, tickets: 12, openHolds: 0 });
    // No paying buyer was refunded by a racing duplicate delivery.
    expect(fake.refunds).toEqual([]);

    // The 8 freed seats are bought by the next wave of 100 concurrent buyers, again without oversell.
    const wave = await Promise.allSettled(buyers.slice(100).map((b) => shop.startTicketCheckout({ actor: { userId: b.userId, role: "viewer" }, eventId })));
    expect(wave.filter((a) => a.status === "fulfilled")).toHaveLength(8);
    const after = await invariant(eventId);
    expect(after.tickets + after.openHolds).toBeLessThanOrEqual(20);
    expect(after.seatsTaken).toBe(after.tickets + after.openHolds);
    const ledger = await db.ledgerEntry.aggregate({ where: { eventId, sourceType: "ticket" }, _sum: { amountCents: true } });
    expect(ledger._sum.amountCents).toBe(12 * 2000);
  });

  it("gives a buyer who pays two checkouts of one show at the same moment one ticket, and refunds the other payment", async () => {
    const { eventId } = await seedEvent(db, { capacity: 10, priceCents: 2500 });
    const buyer = await seedUser(db);
    const buyerActor = { userId: buyer.userId, role: "viewer" as const };
    // The database allows one open hold per buyer and event, so two paid sessions need the first hold to have
    // ended (released at expiry) while its session, still open at Stripe, gets paid in the same moment as the second.
    const first = await shop.startTicketCheckout({ actor: buyerActor, eventId });
    await db.seatHold.updateMany({ where: { checkoutSessionId: first.sessionId }, data: { status: "released" } });
    await db.event.update({ where: { id: eventId }, data: { seatsTaken: { decrement: 1 } } });
    const second = await shop.startTicketCheckout({ actor: buyerActor, eventId });
    expect(second.sessionId).not.toBe(first.sessionId);

    for (const s of [first, second]) fake.completeSession(s.sessionId);
    const deliveries = [first, second].map((s) => fake.sign(fake.eventFor("checkout.session.completed", s.sessionId)));
    await Promise.all(deliveries.map((d) => shop.handleStripeWebhook(d.payload, d.header)));

    const tickets = await db.ticket.findMany({ where: { eventId, userId: buyer.userId }, select: { status: true, amountCents: true } });
    expect(tickets.filter((t) => t.status === "valid")).toHaveLength(1);
    expect(tickets.filter((t) => t.status === "refunded")).toHaveLength(1);
    expect(fake.refunds.filter((r) => r.amount === 2500)).toHaveLength(1);
    expect(await invariant(eventId)).toMatchObject({ seatsTaken: 1, tickets: 1, openHolds: 0 });
  });

  it("gives one free ticket to a viewer who clicks five times at once", async () => {
    const { eventId } = await seedEvent(db, { capacity: 10, priceCents: 0 });
    const viewer = await seedUser(db);
    const clicks = await Promise.allSettled(Array.from({ length: 5 }, () => shop.claimFreeTicket({ actor: { userId: viewer.userId, role: "viewer" }, eventId })));
    expect(clicks.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    expect(clicks.flatMap((c) => (c.status === "rejected" && isAppError(c.reason) ? [c.reason.code] : []))).toEqual(Array.from({ length: 4 }, () => "ALREADY_HAS_TICKET"));
    expect(await invariant(eventId)).toMatchObject({ seatsTaken: 1, tickets: 1 });
  });
});
