import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { startPostgres, type PostgresServer } from "@limelight/testkit";
import { createCommerce } from "../commerce/create-commerce";
import { seedEvent, seedUser, stripeDeps } from "../commerce/testing/fixtures";
import { payoutDeps, WEEK_MS } from "./testing/fixtures";

let pg: PostgresServer;
let db: Db;
let url: string;
let fake: FakeStripe;

beforeAll(async () => {
  pg = await startPostgres();
  url = await pg.createDatabase("payouts");
  db = createDb(url);
  fake = await startFakeStripe();
});
afterAll(async () => {
  await db?.$disconnect();
  await fake?.stop();
  await pg?.stop();
});

/** One "web instance": a separate process running the payout worker's tick `passes` times. */
function instance(now: Date, passes: number): Promise<unknown> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./testing/tick-in-child.ts", import.meta.url)), url, String(fake.port), now.toISOString(), String(passes)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`instance exited ${code}: ${err}`)))));
}

describe("payout worker in two instances (PostgreSQL)", () => {
  it("settles shows past their window with exactly one transfer per host, however many instances tick at once", async () => {
    const shop = createCommerce(stripeDeps(db, fake));
    const accounts: string[] = [];
    const events: string[] = [];
    for (let show = 0; show < 3; show += 1) {
      const { eventId, hosts } = await seedEvent(db, { priceCents: 1000 + show, hostShares: [7000, 3000] });
      events.push(eventId);
      for (const host of hosts) {
        const account = (await payoutDeps(db, fake).connect.createExpressAccount({ email: host.email, userId: host.userId, idempotencyKey: `acct_${host.userId}` })).id;
        fake.connect.completeOnboarding(account);
        await db.connectedAccount.create({ data: { userId: host.userId, stripeAccountId: account, chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true } });
        accounts.push(account);
      }
      for (let i = 0; i < 2; i += 1) {
        const buyer = await seedUser(db);
        const started = await shop.startTicketCheckout({ actor: { userId: buyer.userId, role: "viewer" }, eventId });
        fake.completeSession(started.sessionId);
        const { payload, header } = fake.sign(fake.eventFor("checkout.session.completed", started.sessionId));
        await shop.handleStripeWebhook(payload, header);
      }
      await db.event.update({ where: { id: eventId }, data: { status: "ended", endedAt: new Date(Date.now() - WEEK_MS - 60_000) } });
    }

    await Promise.all([instance(new Date(), 2), instance(new Date(), 2)]);

    const transfers = [...fake.connect.transfers.values()];
    expect(transfers).toHaveLength(6);
    expect(new Set(transfers.map((t) => t.destination)).size).toBe(6);
    // Each host: their 70% or 30% of two tickets at $10.00, $10.01, $10.02 (largest remainder per sale: 700/300, 701/300, 701/301).
    expect(transfers.map((t) => t.amount).sort((a, b) => a - b)).toEqual([600, 600, 602, 1400, 1402, 1402]);
    expect(await db.payout.count({ where: { status: "sent" } })).toBe(6);
    expect(await db.eventSettlement.count({ where: { eventId: { in: events } } })).toBe(3);
  });
});
