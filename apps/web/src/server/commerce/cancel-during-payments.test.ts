/**
 * Cancelling an event while its payments land, on real PostgreSQL (and on
 * SQLite): every paid ticket of the cancelled event ends refunded exactly
 * once, with nothing left valid, whichever of the cancel and each webhook
 * wins. Refund failures are retried with backoff by the reconciliation and
 * the cancel can be resumed. Webhooks are signed with the real stripe library.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { createSqliteDatabase, startPostgres, type PostgresServer } from "@limelight/testkit";
import { createCommerce, type Commerce } from "./create-commerce";
import { seedEvent, seedUser, stripeDeps } from "./testing/fixtures";

let pg: PostgresServer;
let pgDb: Db;
let sqliteDb: Db;
let fake: FakeStripe;

beforeAll(async () => {
  pg = await startPostgres();
  pgDb = createDb(await pg.createDatabase(), { poolSize: 20 });
  sqliteDb = createDb(createSqliteDatabase());
  fake = await startFakeStripe();
});
afterAll(async () => {
  await pgDb?.$disconnect();
  await sqliteDb?.$disconnect();
  await fake?.stop();
  await pg?.stop();
});

/** 40 buyers with paid sessions, their completions delivered while the admin cancels; returns what is left. */
async function cancelWhilePaymentsLand(db: Db, shop: Commerce, buyers: number) {
  const admin = await seedUser(db, "admin");
  const { eventId } = await seedEvent(db, { capacity: 50, priceCents: 2000, hostShares: [10_000] });
  const users = await Promise.all(Array.from({ length: buyers }, () => seedUser(db)));
  const started = await Promise.all(users.map((u) => shop.startTicketCheckout({ actor: { userId: u.userId, role: "viewer" }, eventId })));
  const paymentIntents = started.map((s) => fake.completeSession(s.sessionId).payment_intent as string);
  const deliveries = started.map((s) => fake.sign(fake.eventFor("checkout.session.completed", s.sessionId)));
  const webhooks = deliveries.map((d, i) =>
    // Spread the deliveries around the cancel so some commit before its status write and some after.
    new Promise<void>((resolve) => setTimeout(resolve, 2 * i)).then(() => shop.handleStripeWebhook(d.payload, d.header)),
  );
  // The admin presses Cancel once the first tickets have landed, in the middle of the stream.
  const cancel = (async () => {
    while ((await db.ticket.count({ where: { eventId } })) < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    return shop.cancelEvent({ actor: { userId: admin.userId, role: "admin" }, eventId });
  })();
  const [cancelled] = await Promise.all([cancel, ...webhooks]);
  const valid = await db.ticket.count({ where: { eventId, status: "valid" } });
  const refundedByPi = new Map<string, number>();
  for (const r of fake.refunds) if (paymentIntents.includes(r.payment_intent)) refundedByPi.set(r.payment_intent, (refundedByPi.get(r.payment_intent) ?? 0) + r.amount);
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
  return { eventId, cancelled, valid, refundedByPi, paymentIntents, event };
}

describe.each([
  ["PostgreSQL", () => pgDb],
  ["SQLite", () => sqliteDb],
])("cancelling an event while 40 payments land (%s)", (_name, dbOf) => {
  it("refunds every paid ticket of the cancelled event, 10 runs in a row", { timeout: 600_000 }, async () => {
    const db = dbOf();
    const shop = createCommerce(stripeDeps(db, fake));
    for (let run = 0; run < 10; run += 1) {
      const r = await cancelWhilePaymentsLand(db, shop, 40);
      expect({ run, valid: r.valid }).toEqual({ run, valid: 0 });
      // Each of the 40 payments refunded in full, exactly once (no payment kept, none refunded twice).
      expect({ run, refunded: r.paymentIntents.map((pi) => r.refundedByPi.get(pi) ?? 0) }).toEqual({ run, refunded: r.paymentIntents.map(() => 2000) });
      expect(r.event.status).toBe("cancelled");
      expect(r.event.seatsTaken).toBe(0);
      expect(r.cancelled.refunds.pending + r.cancelled.refunds.failed).toBe(0);
      const ledger = await db.ledgerEntry.aggregate({ where: { eventId: r.eventId }, _sum: { amountCents: true } });
      expect(ledger._sum.amountCents ?? 0).toBe(0);
    }
  });
});

describe("refunds of a cancelled event when the payment provider fails (PostgreSQL)", () => {
  it("keeps failed refunds pending with backoff, shows them to the admin, and refunds them on resume and by reconciliation", async () => {
    let clock = new Date();
    const shop = createCommerce(stripeDeps(pgDb, fake, { now: () => clock }));
    const admin = { userId: (await seedUser(pgDb, "admin")).userId, role: "admin" as const };
    const { eventId } = await seedEvent(pgDb, { capacity: 5, priceCents: 1500, hostShares: [10_000] });
    const buyers = await Promise.all([seedUser(pgDb), seedUser(pgDb), seedUser(pgDb)]);
    for (const b of buyers) {
      const s = await shop.startTicketCheckout({ actor: { userId: b.userId, role: "viewer" }, eventId });
      fake.completeSession(s.sessionId);
      const d = fake.sign(fake.eventFor("checkout.session.completed", s.sessionId));
      await shop.handleStripeWebhook(d.payload, d.header);
    }
    const before = fake.refunds.length;

    fake.failNext(3, 500);
    const first = await shop.cancelEvent({ actor: admin, eventId });
    expect(first.resumed).toBe(false);
    expect(first.refunds.pending).toBe(3);
    expect(first.refunds.open.map((r) => r.attempts)).toEqual([1, 1, 1]);
    expect(await pgDb.ticket.count({ where: { eventId, status: "valid" } })).toBe(3);

    // Not due yet: the background run leaves them alone; after the backoff it refunds them.
    await shop.reconcileCancelledEvents();
    expect(await shop.cancellationRefunds(eventId)).toMatchObject({ refunded: 0, pending: 3 });
    clock = new Date(clock.getTime() + 31_000);
    await shop.reconcileCancelledEvents();
    expect(await shop.cancellationRefunds(eventId)).toMatchObject({ refunded: 3, pending: 0, failed: 0 });
    expect(await pgDb.ticket.count({ where: { eventId, status: "valid" } })).toBe(0);
    expect(fake.refunds.length - before).toBe(3);

    // Pressing Cancel again resumes instead of being refused, and refunds nothing twice.
    const again = await shop.cancelEvent({ actor: admin, eventId });
    expect(again).toMatchObject({ resumed: true, refunds: { refunded: 3, pending: 0, failed: 0 } });
    expect(fake.refunds.length - before).toBe(3);
  });

  it("reconciliation refunds a ticket that is still valid on a cancelled event without any refund row", async () => {
    const shop = createCommerce(stripeDeps(pgDb, fake));
    const { eventId } = await seedEvent(pgDb, { capacity: 5, priceCents: 1500, hostShares: [10_000] });
    const buyer = await seedUser(pgDb);
    const s = await shop.startTicketCheckout({ actor: { userId: buyer.userId, role: "viewer" }, eventId });
    fake.completeSession(s.sessionId);
    const d = fake.sign(fake.eventFor("checkout.session.completed", s.sessionId));
    await shop.handleStripeWebhook(d.payload, d.header);
    // A cancel that crashed right after its status write (no refund rows yet).
    await pgDb.event.update({ where: { id: eventId }, data: { status: "cancelled" } });

    await shop.reconcileCancelledEvents();
    expect(await pgDb.ticket.count({ where: { eventId, status: "valid" } })).toBe(0);
    expect(await shop.cancellationRefunds(eventId)).toMatchObject({ refunded: 1, pending: 0, failed: 0 });
  });
});
