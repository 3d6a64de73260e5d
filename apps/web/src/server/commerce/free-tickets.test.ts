import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { type Actor } from "@limelight/domain";
import { createCommerce, type Commerce } from "./create-commerce";
import { seedEvent, seedUser, stripeDeps, type SeededUser } from "./testing/fixtures";

let db: Db;
let fake: FakeStripe;
let shop: Commerce;

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  fake = await startFakeStripe();
  shop = createCommerce(stripeDeps(db, fake));
});
afterAll(async () => {
  await fake?.stop();
  await db?.$disconnect();
});

const actor = (u: SeededUser): Actor => ({ userId: u.userId, role: u.role });

describe("free shows", () => {
  it("grants a ticket at once with no Checkout Session, counts it against capacity and refuses a second one", async () => {
    const { eventId } = await seedEvent(db, { capacity: 2, priceCents: 0 });
    const [ann, bob, cat] = [await seedUser(db), await seedUser(db), await seedUser(db)];
    const requestsBefore = fake.requestCount();

    const got = await shop.getTicket({ actor: actor(ann), eventId });
    expect(got).toMatchObject({ kind: "free", redirectUrl: "http://localhost:3000/me/tickets?claimed=1" });
    expect(await db.ticket.findMany({ where: { eventId }, select: { userId: true, status: true, source: true, amountCents: true } })).toEqual([
      { userId: ann.userId, status: "valid", source: "free", amountCents: 0 },
    ]);
    await expect(shop.getTicket({ actor: actor(ann), eventId })).rejects.toMatchObject({ code: "ALREADY_HAS_TICKET" });
    await shop.claimFreeTicket({ actor: actor(bob), eventId });
    await expect(shop.claimFreeTicket({ actor: actor(cat), eventId })).rejects.toMatchObject({ code: "SOLD_OUT", status: 409 });
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(2);
    expect(fake.requestCount()).toBe(requestsBefore); // no payment was involved
    await expect(shop.getTicket({ actor: null, eventId })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("still sends paid shows through Checkout, and never hands out a paid show's ticket for free", async () => {
    const { eventId } = await seedEvent(db, { capacity: 5, priceCents: 1500 });
    const dan = await seedUser(db);
    await expect(shop.claimFreeTicket({ actor: actor(dan), eventId })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: "This show is not free" });
    const got = await shop.getTicket({ actor: actor(dan), eventId });
    expect(got.kind).toBe("checkout");
    expect(got.redirectUrl).toBe(got.kind === "checkout" ? got.checkoutUrl : "");
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);
  });

  it("lets an admin revoke a free ticket without touching payments, which frees the seat", async () => {
    const admin = await seedUser(db, "admin", "Admin");
    const { eventId } = await seedEvent(db, { capacity: 1, priceCents: 0 });
    const eve = await seedUser(db);
    const { ticketId } = await shop.claimFreeTicket({ actor: actor(eve), eventId });
    const requestsBefore = fake.requestCount();
    expect(await shop.refundTicket({ actor: actor(admin), ticketId })).toMatchObject({ status: "revoked" });
    expect(fake.requestCount()).toBe(requestsBefore);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
    const statement = await shop.eventStatement({ actor: actor(admin), eventId });
    expect(statement).toMatchObject({ grossTicketsCents: 0, netCents: 0 });
  });
});
