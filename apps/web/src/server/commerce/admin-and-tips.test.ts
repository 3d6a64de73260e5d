import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { type Actor } from "@limelight/domain";
import { createCommerce, type Commerce } from "./create-commerce";
import { eventHistory } from "../events/event-history";
import { seedEvent, seedUser, stripeClientFor, stripeDeps, type SeededUser } from "./testing/fixtures";

let db: Db;
let fake: FakeStripe;
let shop: Commerce;
let admin: SeededUser;

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  fake = await startFakeStripe();
  shop = createCommerce(stripeDeps(db, fake, { tipMinCents: 200 }));
  admin = await seedUser(db, "admin", "Admin");
});
afterAll(async () => {
  await fake?.stop();
  await db?.$disconnect();
});

const actor = (u: SeededUser): Actor => ({ userId: u.userId, role: u.role });

async function webhook(type: string, sessionId: string): Promise<void> {
  const { payload, header } = fake.sign(fake.eventFor(type, sessionId));
  await shop.handleStripeWebhook(payload, header);
}

/** Buys a ticket end to end (checkout, payment at the fake, signed webhook); returns the ticket id. */
async function buy(eventId: string, buyer: SeededUser): Promise<string> {
  const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
  fake.completeSession(started.sessionId);
  await webhook("checkout.session.completed", started.sessionId);
  return (await db.ticket.findUniqueOrThrow({ where: { checkoutSessionId: started.sessionId } })).id;
}

describe("admin refunds and comps", () => {
  it("refunds at Stripe, revokes the ticket, frees the seat, reverses the hosts' shares and logs the action", async () => {
    const { eventId, hosts } = await seedEvent(db, { capacity: 2, priceCents: 1999, hostShares: [6000, 4000] });
    const buyer = await seedUser(db);
    const ticketId = await buy(eventId, buyer);
    const before = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(before.seatsTaken).toBe(1);

    await expect(shop.refundTicket({ actor: actor(buyer), ticketId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const result = await shop.refundTicket({ actor: actor(admin), ticketId });
    expect(result).toMatchObject({ ticketId, status: "refunded", amountCents: 1999, currency: "usd" });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(ticket.status).toBe("refunded");
    expect(ticket.revokedAt).not.toBeNull();
    expect(fake.refunds.filter((r) => r.payment_intent === ticket.paymentIntentId).map((r) => r.amount)).toEqual([1999]);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: ticketId } });
    expect(audit).toMatchObject({ actorId: admin.userId, action: "ticket.refund", targetType: "ticket" });

    await expect(shop.refundTicket({ actor: actor(admin), ticketId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(fake.refunds.filter((r) => r.payment_intent === ticket.paymentIntentId)).toHaveLength(1);

    const statement = await shop.eventStatement({ actor: actor(admin), eventId });
    expect(statement).toMatchObject({ grossTicketsCents: 1999, refundsCents: 1999, netCents: 0, ticketsSold: 0, ticketsRefunded: 1 });
    expect(statement.hosts.map((h) => [h.userId, h.amountCents])).toEqual(hosts.map((h) => [h.userId, 0]));
    const sales = await shop.salesForEvent({ actor: actor(admin), eventId });
    expect(sales).toEqual([expect.objectContaining({ ticketId, buyerEmail: buyer.email, status: "refunded", source: "purchase" })]);
  });

  it("comps a ticket to an account by email, counting against capacity, with an audit entry", async () => {
    const { eventId } = await seedEvent(db, { capacity: 1 });
    const guest = await seedUser(db);
    const late = await seedUser(db);
    await expect(shop.compTicket({ actor: actor(guest), eventId, email: guest.email })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(shop.compTicket({ actor: actor(admin), eventId, email: "not-an-email" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(shop.compTicket({ actor: actor(admin), eventId, email: "nobody@example.test" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const comp = await shop.compTicket({ actor: actor(admin), eventId, email: guest.email.toUpperCase() });
    expect(comp).toMatchObject({ userId: guest.userId, eventId });
    await expect(shop.compTicket({ actor: actor(admin), eventId, email: guest.email })).rejects.toMatchObject({ code: "ALREADY_HAS_TICKET" });
    await expect(shop.compTicket({ actor: actor(admin), eventId, email: late.email })).rejects.toMatchObject({ code: "SOLD_OUT" });
    await expect(shop.startTicketCheckout({ actor: actor(late), eventId })).rejects.toMatchObject({ code: "SOLD_OUT" });
    expect(await db.auditLog.count({ where: { targetId: comp.ticketId, action: "ticket.comp" } })).toBe(1);

    // Revoking a comp frees its seat without any call to Stripe.
    const refundsBefore = fake.refunds.length;
    expect(await shop.refundTicket({ actor: actor(admin), ticketId: comp.ticketId })).toMatchObject({ status: "revoked", refundId: null });
    expect(fake.refunds.length).toBe(refundsBefore);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
  });
});

describe("refunds made in the Stripe Dashboard (charge.refunded)", () => {
  it("revokes the ticket of a fully refunded payment, once; a partial refund keeps the ticket", async () => {
    const { eventId, hosts } = await seedEvent(db, { capacity: 3, priceCents: 1500, hostShares: [5000, 5000] });
    const [full, partial] = [await seedUser(db), await seedUser(db)];
    const fullTicket = await db.ticket.findUniqueOrThrow({ where: { id: await buy(eventId, full) } });
    const partialTicket = await db.ticket.findUniqueOrThrow({ where: { id: await buy(eventId, partial) } });
    const dashboard = stripeClientFor(fake);
    await dashboard.refunds.create({ payment_intent: fullTicket.paymentIntentId ?? "" });
    await dashboard.refunds.create({ payment_intent: partialTicket.paymentIntentId ?? "", amount: 500 });

    for (const ticket of [fullTicket, partialTicket, fullTicket]) {
      await webhook("charge.refunded", fake.chargeFor(ticket.paymentIntentId ?? "").id);
    }
    expect((await db.ticket.findUniqueOrThrow({ where: { id: fullTicket.id } })).status).toBe("refunded");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: partialTicket.id } })).status).toBe("valid");
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(1);
    const statement = await shop.eventStatement({ actor: actor(admin), eventId });
    expect(statement).toMatchObject({ grossTicketsCents: 3000, refundsCents: 1500, netCents: 1500, ticketsSold: 1 });
    expect(statement.hosts.map((h) => h.amountCents)).toEqual(hosts.map(() => 750));
    // The admin's event history says who refunded it: exactly one row, without an acting user.
    const history = await eventHistory(db, actor(admin), eventId);
    expect(history.filter((h) => h.action === "ticket.refund.external")).toEqual([
      expect.objectContaining({ actorName: "Stripe Dashboard", details: expect.stringContaining(eventId) }),
    ]);
  });

  it("changes nothing more for a payment Limelight refunded itself", async () => {
    const { eventId } = await seedEvent(db, { capacity: 2 });
    const buyer = await seedUser(db);
    const ticketId = await buy(eventId, buyer);
    await shop.refundTicket({ actor: actor(admin), ticketId });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    const ledgerBefore = await db.ledgerEntry.count({ where: { eventId } });
    await webhook("charge.refunded", fake.chargeFor(ticket.paymentIntentId ?? "").id);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
    expect(await db.ledgerEntry.count({ where: { eventId } })).toBe(ledgerBefore);
  });
});

describe("a show cancelled while checkouts are open", () => {
  it("refunds a payment that completes after the cancellation instead of granting a ticket", async () => {
    const { eventId } = await seedEvent(db, { capacity: 3 });
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    await db.event.update({ where: { id: eventId }, data: { status: "cancelled" } });
    fake.completeSession(started.sessionId);
    await webhook("checkout.session.completed", started.sessionId);
    const record = await db.ticket.findUniqueOrThrow({ where: { checkoutSessionId: started.sessionId } });
    expect(record.status).toBe("refunded");
    expect(fake.refunds.filter((r) => r.payment_intent === record.paymentIntentId)).toHaveLength(1);
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).seatsTaken).toBe(0);
  });
});

describe("tips during a live show", () => {
  it("confirms a ticket holder's tip only through the webhook, once, and splits it across the hosts", async () => {
    const { eventId, hosts } = await seedEvent(db, { capacity: 5, priceCents: 1000, hostShares: [7000, 3000] });
    const fan = await seedUser(db);
    await buy(eventId, fan);
    await db.event.update({ where: { id: eventId }, data: { status: "live" } });

    const started = await shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 555, message: "  Encore! " });
    expect(fake.sessions.get(started.sessionId)).toMatchObject({ amount_total: 555, metadata: { kind: "tip", tipId: started.tipId } });
    const pending = await db.tip.findUniqueOrThrow({ where: { id: started.tipId } });
    expect(pending).toMatchObject({ status: "pending", confirmedAt: null, message: "Encore!" });

    fake.completeSession(started.sessionId);
    await webhook("checkout.session.completed", started.sessionId);
    await webhook("checkout.session.completed", started.sessionId);
    // The media service's contract: confirmed Tip rows with confirmedAt.
    const confirmed = await db.tip.findMany({ where: { eventId, status: "confirmed", confirmedAt: { not: null } } });
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ amountCents: 555, userId: fan.userId });
    const tipLedger = await db.ledgerEntry.findMany({ where: { sourceType: "tip", sourceId: started.tipId } });
    expect(tipLedger.reduce((s, l) => s + l.amountCents, 0)).toBe(555);

    const statement = await shop.eventStatement({ actor: { userId: hosts[1]?.userId ?? "", role: "performer" }, eventId });
    expect(statement).toMatchObject({ grossTicketsCents: 1000, grossTipsCents: 555, tipsConfirmed: 1, netCents: 1555 });
    expect(statement.hosts.reduce((s, h) => s + h.amountCents, 0)).toBe(1555);
    expect(statement.hosts.find((h) => h.userId === hosts[0]?.userId)?.amountCents).toBe(700 + 389);
  });

  it("refuses tips below the minimum, from viewers without a ticket, and outside the live show", async () => {
    const { eventId } = await seedEvent(db, { capacity: 5 });
    const fan = await seedUser(db);
    const stranger = await seedUser(db);
    await buy(eventId, fan);
    await expect(shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 500 })).rejects.toMatchObject({ code: "EVENT_NOT_LIVE" });
    await db.event.update({ where: { id: eventId }, data: { status: "live" } });
    await expect(shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 199 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "A tip must be at least $2.00",
    });
    await expect(shop.startTipCheckout({ actor: actor(stranger), eventId, amountCents: 500 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 500, message: "x".repeat(141) })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await db.tip.count({ where: { eventId } })).toBe(0);
  });

  it("marks an unpaid tip expired when its session expires, and the sweep settles tips whose webhook never came", async () => {
    const { eventId } = await seedEvent(db, { capacity: 5, priceCents: 1000, hostShares: [10_000] });
    const fan = await seedUser(db);
    await buy(eventId, fan);
    await db.event.update({ where: { id: eventId }, data: { status: "live" } });

    const abandoned = await shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 300 });
    fake.expireSession(abandoned.sessionId);
    await webhook("checkout.session.expired", abandoned.sessionId);
    expect(await db.tip.findUniqueOrThrow({ where: { id: abandoned.tipId } })).toMatchObject({ status: "expired", confirmedAt: null });

    // No webhook at all: one tip left unpaid, one paid at the last moment.
    const unpaid = await shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 400 });
    const paidLate = await shop.startTipCheckout({ actor: actor(fan), eventId, amountCents: 500 });
    fake.completeSession(paidLate.sessionId);
    expect(await shop.sweepStaleTips(new Date())).toEqual({ expired: 0, confirmed: 0 }); // not stale yet
    const later = new Date(Date.now() + 32 * 60_000);
    expect(await shop.sweepStaleTips(later)).toEqual({ expired: 1, confirmed: 1 });
    expect(fake.sessions.get(unpaid.sessionId)?.status).toBe("expired"); // can no longer be paid
    expect(await db.tip.findUniqueOrThrow({ where: { id: unpaid.tipId } })).toMatchObject({ status: "expired" });
    expect(await db.tip.findUniqueOrThrow({ where: { id: paidLate.tipId } })).toMatchObject({ status: "confirmed" });
    expect(await shop.sweepStaleTips(later)).toEqual({ expired: 0, confirmed: 0 });
    const statement = await shop.eventStatement({ actor: actor(admin), eventId });
    expect(statement).toMatchObject({ grossTipsCents: 500, tipsConfirmed: 1 });
  });

  it("shows a statement only to admins and the show's own hosts", async () => {
    const { eventId } = await seedEvent(db, { hostShares: [10_000] });
    const otherPerformer = await seedUser(db, "performer");
    await expect(shop.eventStatement({ actor: actor(otherPerformer), eventId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(shop.salesForEvent({ actor: actor(otherPerformer), eventId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(shop.eventStatement({ actor: null, eventId })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
