import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { type Actor } from "@limelight/domain";
import { mailerFromConfig } from "../mail";
import { startSmtpSink, type SmtpSink } from "../mail/testing/smtp-sink";
import { createCommerce, type Commerce } from "./create-commerce";
import { seedEvent, seedUser, stripeDeps, type SeededUser } from "./testing/fixtures";

let db: Db;
let fake: FakeStripe;
let sink: SmtpSink;
let shop: Commerce;
const logged: { message: string; fields?: Record<string, unknown> }[] = [];

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  fake = await startFakeStripe();
  sink = await startSmtpSink();
  // The real SMTP mailer (nodemailer) talking to a local SMTP server.
  const mailer = mailerFromConfig({ SMTP_URL: sink.url, MAIL_FROM: "Limelight <tickets@shows.example.test>", MAIL_OUTBOX_DIR: "unused" }, () => {});
  shop = createCommerce(stripeDeps(db, fake, { mailer, appUrl: "http://shows.example.test", log: (message, fields) => logged.push({ message, ...(fields ? { fields } : {}) }) }));
});
afterAll(async () => {
  await sink?.stop();
  await fake?.stop();
  await db?.$disconnect();
});
beforeEach(() => sink.refuseAll(false));

const actor = (u: SeededUser): Actor => ({ userId: u.userId, role: u.role });
const receiptsTo = (email: string) => sink.messages.filter((m) => m.to.includes(email));

/** Pays a checkout at the fake and delivers its signed completed webhook `deliveries` times (each a new Stripe event). */
async function buy(eventId: string, buyer: SeededUser, deliveries = 1): Promise<string> {
  const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
  fake.completeSession(started.sessionId);
  const event = fake.sign(fake.eventFor("checkout.session.completed", started.sessionId));
  await shop.handleStripeWebhook(event.payload, event.header);
  await shop.handleStripeWebhook(event.payload, event.header); // the same event redelivered
  for (let i = 1; i < deliveries; i++) {
    const again = fake.sign(fake.eventFor("checkout.session.completed", started.sessionId));
    await shop.handleStripeWebhook(again.payload, again.header);
  }
  return started.sessionId;
}

describe("ticket receipts", () => {
  it("a webhook-granted ticket mails exactly one receipt with the show, start, amount and links, however often the webhook comes", async () => {
    const { eventId, slug } = await seedEvent(db, { priceCents: 1999, hostShares: [10_000] });
    const show = await db.event.findUniqueOrThrow({ where: { id: eventId } });
    const buyer = await seedUser(db);
    const sessionId = await buy(eventId, buyer, 3);
    expect(await db.ticket.count({ where: { checkoutSessionId: sessionId, status: "valid" } })).toBe(1);

    const receipts = receiptsTo(buyer.email);
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0]!;
    expect(receipt.from).toBe("tickets@shows.example.test");
    expect(receipt.subject).toBe(`Your ticket: ${show.title}`);
    expect(receipt.text).toContain(`Show: ${show.title}`);
    expect(receipt.text).toContain(`Starts: ${show.startsAt.toISOString()} (UTC)`);
    expect(receipt.text).toContain(`Event page: http://shows.example.test/events/${slug}`);
    expect(receipt.text).toContain("Paid: $19.99");
    expect(receipt.text).toContain(`Watch: http://shows.example.test/watch/${eventId}`);
  });

  it("a free ticket mails a receipt that says Free", async () => {
    const { eventId } = await seedEvent(db, { priceCents: 0 });
    const viewer = await seedUser(db);
    await shop.claimFreeTicket({ actor: actor(viewer), eventId });
    const receipts = receiptsTo(viewer.email);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text).toContain("Paid: Free");
    expect(receipts[0]!.text).toContain(`Watch: http://shows.example.test/watch/${eventId}`);
  });

  it("a mail server that refuses the receipt does not prevent the ticket; the failure is logged", async () => {
    sink.refuseAll(true);
    const paid = await seedEvent(db, { priceCents: 1500 });
    const free = await seedEvent(db, { priceCents: 0 });
    const buyer = await seedUser(db);
    const sessionId = await buy(paid.eventId, buyer);
    const claimed = await shop.claimFreeTicket({ actor: actor(buyer), eventId: free.eventId });

    expect(await db.ticket.findUniqueOrThrow({ where: { checkoutSessionId: sessionId } })).toMatchObject({ status: "valid", amountCents: 1500 });
    expect(await db.ticket.findUniqueOrThrow({ where: { id: claimed.ticketId } })).toMatchObject({ status: "valid", source: "free" });
    expect(receiptsTo(buyer.email)).toHaveLength(0);
    expect(logged.filter((l) => l.message === "mail could not be sent" && l.fields?.to === buyer.email)).toHaveLength(2);
  });
});
