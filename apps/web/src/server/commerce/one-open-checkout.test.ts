/**
 * One open checkout per account per event, enforced by the database
 * (PostgreSQL: the unique partial index "SeatHold_one_open_per_buyer_event";
 * SQLite: checked under its single write lock), on both: 20 parallel "Buy"
 * requests of one account hold ONE seat and all get the same Checkout Session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { createSqliteDatabase, startPostgres, type PostgresServer } from "@limelight/testkit";
import { createCommerce } from "./create-commerce";
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

describe.each([
  ["PostgreSQL", () => pgDb],
  ["SQLite", () => sqliteDb],
])("one account buying from many tabs at once (%s)", (_name, dbOf) => {
  it("holds one seat for 20 parallel buys and gives every request the same Checkout Session", async () => {
    const db = dbOf();
    const shop = createCommerce(stripeDeps(db, fake));
    const { eventId } = await seedEvent(db, { capacity: 50, priceCents: 2000 });
    const buyer = await seedUser(db);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => shop.startTicketCheckout({ actor: { userId: buyer.userId, role: "viewer" }, eventId })),
    );
    const sessions = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.sessionId] : [])));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(sessions.size).toBe(1);
    expect(await db.seatHold.count({ where: { eventId, status: "open" } })).toBe(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(1);
    // Everyone else still sees 49 seats for sale.
    const other = await seedUser(db);
    await expect(shop.startTicketCheckout({ actor: { userId: other.userId, role: "viewer" }, eventId })).resolves.toMatchObject({ testMode: false });
  });

  it("holds one seat for 20 parallel presses of the Buy button (getTicket, what the Buy route calls)", async () => {
    const db = dbOf();
    const shop = createCommerce(stripeDeps(db, fake));
    const { eventId } = await seedEvent(db, { capacity: 50, priceCents: 2000 });
    const buyer = await seedUser(db);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => shop.getTicket({ actor: { userId: buyer.userId, role: "viewer" }, eventId })));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.redirectUrl] : []))).size).toBe(1);
    expect(await db.seatHold.count({ where: { eventId, status: "open" } })).toBe(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(1);
  });

  it("holds no seat for a Buy it refuses: content warning not acknowledged, an amount under the currency's minimum, a buyer who has a ticket", async () => {
    const db = dbOf();
    const shop = createCommerce(stripeDeps(db, fake));
    const buyer = await seedUser(db);
    const actor = { userId: buyer.userId, role: "viewer" as const };
    const warned = await seedEvent(db, { capacity: 5, priceCents: 2000, contentWarning: "Strobe lights" });
    await expect(shop.getTicket({ actor, eventId: warned.eventId })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    // Under Stripe's 50-cent minimum (written past the event form, which refuses it).
    const cheap = await seedEvent(db, { capacity: 5, priceCents: 10, currency: "usd" });
    await expect(shop.getTicket({ actor, eventId: cheap.eventId })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const owned = await seedEvent(db, { capacity: 5, priceCents: 2000 });
    await db.ticket.create({ data: { eventId: owned.eventId, userId: buyer.userId, status: "valid", source: "comp", amountCents: 0, currency: "usd" } });
    await expect(shop.getTicket({ actor, eventId: owned.eventId })).rejects.toMatchObject({ code: "ALREADY_HAS_TICKET" });
    for (const { eventId } of [warned, cheap, owned]) {
      expect(await db.seatHold.count({ where: { eventId, status: "open" } })).toBe(0);
      expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
    }
    // Acknowledged, the warned show sells.
    await expect(shop.getTicket({ actor, eventId: warned.eventId, acknowledgedContentWarning: true })).resolves.toMatchObject({ kind: "checkout" });
    expect((await db.event.findUniqueOrThrow({ where: { id: warned.eventId } })).seatsTaken).toBe(1);
  });

  it("gives the holder of the last seat their checkout again, and everyone else 'sold out'", async () => {
    const db = dbOf();
    const shop = createCommerce(stripeDeps(db, fake));
    const { eventId } = await seedEvent(db, { capacity: 1, priceCents: 2000 });
    const [holder, other] = [await seedUser(db), await seedUser(db)];
    const first = await shop.startTicketCheckout({ actor: { userId: holder.userId, role: "viewer" }, eventId });
    const again = await shop.startTicketCheckout({ actor: { userId: holder.userId, role: "viewer" }, eventId });
    expect(again.sessionId).toBe(first.sessionId);
    await expect(shop.startTicketCheckout({ actor: { userId: other.userId, role: "viewer" }, eventId })).rejects.toMatchObject({ code: "SOLD_OUT" });
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(1);
  });
});

describe("the database's own guard (PostgreSQL)", () => {
  it("refuses a second open hold for the same account and event, whoever writes it", async () => {
    const db = pgDb;
    const { eventId } = await seedEvent(db, { capacity: 5 });
    const buyer = await seedUser(db);
    const row = { eventId, userId: buyer.userId, status: "open", expiresAt: new Date(Date.now() + 60_000) };
    await db.seatHold.create({ data: row });
    await expect(db.seatHold.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
    // Released holds do not count: a buyer may start again after one ends.
    await db.seatHold.updateMany({ where: { eventId }, data: { status: "released" } });
    await expect(db.seatHold.create({ data: row })).resolves.toMatchObject({ status: "open" });
  });
});
