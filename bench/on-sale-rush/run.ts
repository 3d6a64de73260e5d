/**
 * On-sale rush: N concurrent buyers race for S seats of one event on a real
 * PostgreSQL 15. Each buyer calls startTicketCheckout (seat hold + Checkout
 * Session on the fake Stripe server through the real stripe client), pays at
 * the fake, and the signed `checkout.session.completed` webhook is handled.
 * Prints purchase latency (ms, start of checkout → ticket granted), the
 * sold-out reply latency, throughput and the oversold count (must be 0).
 *
 *   npx tsx bench/on-sale-rush/run.ts [--buyers 500] [--seats 100] [--pool 20]
 */
import { parseArgs } from "node:util";
import { createDb } from "@limelight/db";
import { isAppError } from "@limelight/domain";
import { startFakeStripe } from "@limelight/fake-stripe";
import { startPostgres } from "@limelight/testkit";
import { createCommerce } from "../../apps/web/src/server/commerce/create-commerce";
import { seedEvent, seedUser, stripeDeps } from "../../apps/web/src/server/commerce/testing/fixtures";

const { values } = parseArgs({
  options: {
    buyers: { type: "string", default: "500" },
    seats: { type: "string", default: "100" },
    pool: { type: "string", default: "20" },
  },
});
const buyers = Number(values.buyers);
const seats = Number(values.seats);
const pool = Number(values.pool);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const pg = await startPostgres();
const fake = await startFakeStripe();
const db = createDb(await pg.createDatabase(), { poolSize: pool });
try {
  const shop = createCommerce(stripeDeps(db, fake));
  const { eventId } = await seedEvent(db, { capacity: seats, priceCents: 2500, hostShares: [6000, 4000] });
  const users = await Promise.all(Array.from({ length: buyers }, () => seedUser(db)));

  const purchase: number[] = [];
  const checkout: number[] = [];
  const webhook: number[] = [];
  const soldOut: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    users.map(async (u) => {
      const start = performance.now();
      try {
        const started = await shop.startTicketCheckout({ actor: { userId: u.userId, role: "viewer" }, eventId });
        const paidAt = performance.now();
        checkout.push(paidAt - start);
        fake.completeSession(started.sessionId);
        const { payload, header } = fake.sign(fake.eventFor("checkout.session.completed", started.sessionId));
        await shop.handleStripeWebhook(payload, header);
        webhook.push(performance.now() - paidAt);
        purchase.push(performance.now() - start);
      } catch (error) {
        if (isAppError(error) && error.code === "SOLD_OUT") soldOut.push(performance.now() - start);
        else {
          errors += 1;
          if (errors <= 3) console.error(error);
        }
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
  const tickets = await db.ticket.count({ where: { eventId, status: "valid" } });
  const openHolds = await db.seatHold.count({ where: { eventId, status: "open" } });
  for (const list of [purchase, checkout, webhook]) list.sort((a, b) => a - b);
  soldOut.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  console.table([
    {
      buyers,
      seats,
      pool,
      tickets,
      "sold out": soldOut.length,
      errors,
      "purchase p50 ms": f(percentile(purchase, 50)),
      "purchase p99 ms": f(percentile(purchase, 99)),
      "checkout p50 ms": f(percentile(checkout, 50)),
      "webhook p50 ms": f(percentile(webhook, 50)),
      "sold-out p50 ms": f(percentile(soldOut, 50)),
      "sold-out p99 ms": f(percentile(soldOut, 99)),
      "wall ms": f(wallMs),
      "attempts/s": f((buyers / wallMs) * 1000),
      oversold: Math.max(0, tickets + openHolds - seats),
      "seatsTaken consistent": event.seatsTaken === tickets + openHolds,
    },
  ]);
} finally {
  await db.$disconnect();
  await fake.stop();
  await pg.stop();
}
