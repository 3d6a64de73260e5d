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
