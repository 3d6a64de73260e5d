import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { type Actor } from "@limelight/domain";
import { createCommerce, type Commerce } from "../commerce/create-commerce";
import { seedEvent, seedUser, stripeDeps, type SeededUser } from "../commerce/testing/fixtures";
import { stripeWebhookHandler } from "../commerce/webhook-route";
import { payoutAccountOf, startOnboarding } from "./connect-account";
import { type PayoutDeps } from "./deps";
import { hostPayoutStatement } from "./payout-statement";
import { runPayoutsTick } from "./run-payouts-tick";
import { settleEventEarly } from "./settle-event";
import { payoutDeps, WEEK_MS } from "./testing/fixtures";
import { withConnectEvents } from "./webhook-dispatch";

let fake: FakeStripe;
let db: Db;
let dbUrl: string;
let shop: Commerce;
let deps: PayoutDeps;
let nowMs: number;
let postWebhook: (req: Request) => Promise<Response>;

// A fresh fake Stripe and database per test: counts of transfers are this test's.
beforeEach(async () => {
  fake = await startFakeStripe();
  dbUrl = createSqliteDatabase();
  db = createDb(dbUrl);
  shop = createCommerce(stripeDeps(db, fake));
  nowMs = Date.now();
  deps = payoutDeps(db, fake, { now: () => new Date(nowMs) });
  postWebhook = withConnectEvents(stripeWebhookHandler(() => shop), () => deps, () => fake.webhookSecret);
  fake.beforeReply(undefined);
});
afterEach(async () => {
  await db?.$disconnect();
  await fake?.stop();
});

const actor = (u: SeededUser): Actor => ({ userId: u.userId, role: u.role });

async function deliver(event: ReturnType<FakeStripe["eventOf"]>): Promise<{ status: number; body: Record<string, unknown> }> {
  const { payload, header } = fake.sign(event);
  const res = await postWebhook(new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": header }, body: payload }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Buys `count` tickets through Checkout and the webhook; returns the ticket ids. */
async function sell(eventId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const buyer = await seedUser(db);
    const started = await shop.startTicketCheckout({ actor: actor(buyer), eventId });
    fake.completeSession(started.sessionId);
    expect((await deliver(fake.eventFor("checkout.session.completed", started.sessionId))).status).toBe(200);
    ids.push((await db.ticket.findFirstOrThrow({ where: { checkoutSessionId: started.sessionId } })).id);
  }
  return ids;
}

/** A performer onboards: account + Account Link, the link visited (fake onboarding), account.updated delivered. Returns the acct id. */
async function connect(host: SeededUser): Promise<string> {
  const { url } = await startOnboarding(deps, { actor: actor(host), email: host.email });
  const visit = await fetch(url, { redirect: "manual" });
  expect(visit.status).toBe(303);
  expect(visit.headers.get("location")).toBe("http://localhost:3000/studio/settings?connect=return");
  const account = (await db.connectedAccount.findUniqueOrThrow({ where: { userId: host.userId } })).stripeAccountId;
  const updated = fake.connect.events.filter((e) => e.type === "account.updated" && e.object.id === account).at(-1);
  if (!updated) throw new Error("no account.updated event");
  expect((await deliver(fake.eventOf("account.updated", updated.object))).body.outcome).toBe("processed");
  return account;
}

async function endShow(eventId: string): Promise<void> {
  await db.event.update({ where: { id: eventId }, data: { status: "ended", endedAt: new Date(nowMs) } });
}

const transfersTo = (account: string) => [...fake.connect.transfers.values()].filter((t) => t.destination === account);

describe("Stripe Connect payouts (real stripe client, fake Stripe server)", () => {
  it("onboards a performer, keeps the account current from account.updated, replayed and out of order", async () => {
    const { hosts } = await seedEvent(db, { hostShares: [10_000] });
    const host = hosts[0] as SeededUser;
    const { url } = await startOnboarding(deps, { actor: actor(host), email: host.email });
    expect(url).toContain(fake.url);
    const before = await payoutAccountOf(deps, host.userId);
    expect(before).toMatchObject({ connected: true, payoutsEnabled: false, chargesEnabled: false });
    expect(before.requirementsDue).toContain("external_account");
    const account = fake.connect.accounts.get(before.stripeAccountId as string);
    expect(account).toMatchObject({ type: "express", email: host.email });
    // Asking again reuses the account (one per performer), with a fresh link.
    const again = await startOnboarding(deps, { actor: actor(host), email: host.email });
    expect(fake.connect.accounts.size).toBe(1);
    expect(await db.connectedAccount.count({ where: { userId: host.userId } })).toBe(1);
    expect(again.url).toContain(before.stripeAccountId);

    const staleSnapshot = fake.eventOf("account.updated", structuredClone(fake.connect.accounts.get(before.stripeAccountId as string)!));
    await fetch(url, { redirect: "manual" });
    const fresh = fake.connect.events.filter((e) => e.type === "account.updated").at(-1)!;
    const freshEvent = fake.eventOf("account.updated", fresh.object);
    // Newer first, then the stale one, then the newer again: the row ends at Stripe's current state.
    for (const e of [freshEvent, staleSnapshot, freshEvent]) expect((await deliver(e)).status).toBe(200);
    expect(await payoutAccountOf(deps, host.userId)).toMatchObject({ payoutsEnabled: true, chargesEnabled: true, detailsSubmitted: true, requirementsDue: [] });

    // A viewer cannot open onboarding; an unknown account's event is acknowledged and ignored.
    const viewer = await seedUser(db);
    await expect(startOnboarding(deps, { actor: actor(viewer), email: viewer.email })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const foreign = (await fake.connect.route("POST", "/v1/accounts", { type: "express" }, new URLSearchParams())) as { id: string };
    expect((await deliver(fake.eventFor("account.updated", foreign.id))).body.outcome).toBe("ignored");
  });

  it("settles after the window with one transfer per host for the exact share in cents, and a host who connects later is paid what accrued", async () => {
    const { eventId, hosts } = await seedEvent(db, { priceCents: 1001, hostShares: [6000, 4000] });
    const [lead, guest] = hosts as [SeededUser, SeededUser];
    const leadAccount = await connect(lead);
    await sell(eventId, 3);
    await endShow(eventId);

    nowMs += WEEK_MS - 60_000; // a minute before the window ends: nothing yet
    expect((await runPayoutsTick(deps)).settledEvents).toBe(0);
    expect(fake.connect.transfers.size).toBe(0);

    nowMs += 120_000;
    expect((await runPayoutsTick(deps)).settledEvents).toBe(1);
    // 1001 split 60/40 by largest remainder is 601 + 400 per ticket.
    const [toLead] = transfersTo(leadAccount);
    expect(transfersTo(leadAccount)).toHaveLength(1);
    expect(toLead).toMatchObject({ amount: 1803, currency: "usd", transfer_group: eventId });
    expect(await db.payout.findFirst({ where: { hostUserId: lead.userId } })).toMatchObject({ status: "sent", transferId: toLead?.id, amountCents: 1803 });
    // The guest has no account: their 1200 accrues.
    expect(await db.payout.count({ where: { hostUserId: guest.userId } })).toBe(0);
    expect((await hostPayoutStatement(deps, { actor: actor(guest), hostUserId: guest.userId })).balances).toEqual([{ currency: "usd", balanceCents: 1200 }]);

    // Ticks again (another instance, a restart): no second transfer.
    await runPayoutsTick(deps);
    expect(fake.connect.transfers.size).toBe(1);

    const guestAccount = await connect(guest);
    expect(transfersTo(guestAccount).map((t) => t.amount)).toEqual([1200]);
    await runPayoutsTick(deps);
    expect(fake.connect.transfers.size).toBe(2);
    const statement = await hostPayoutStatement(deps, { actor: actor(guest), hostUserId: guest.userId });
    expect(statement.balances).toEqual([{ currency: "usd", balanceCents: 0 }]);
    expect(statement.movements).toMatchObject([{ kind: "transfer", amountCents: 1200, status: "sent", eventId }]);
    // Only the host and admins see it.
    await expect(hostPayoutStatement(deps, { actor: actor(lead), hostUserId: guest.userId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin may settle early; a refund after the transfer reverses each host's part, or becomes a debt taken from the next transfer", async () => {
    const admin = await seedUser(db, "admin");
    const { eventId, hosts } = await seedEvent(db, { priceCents: 1001, hostShares: [6000, 4000] });
    const [lead, guest] = hosts as [SeededUser, SeededUser];
    const leadAccount = await connect(lead);
    const guestAccount = await connect(guest);
    const tickets = await sell(eventId, 2);
    await expect(settleEventEarly(deps, { actor: actor(admin), eventId })).rejects.toMatchObject({ code: "CONFLICT" });
    await endShow(eventId);
    await expect(settleEventEarly(deps, { actor: actor(lead), eventId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const settled = await settleEventEarly(deps, { actor: actor(admin), eventId });
    expect(settled.payouts.map((p) => [p.outcome, p.amountCents])).toEqual([
      ["sent", 1202],
      ["sent", 800],
    ]);
    expect((await settleEventEarly(deps, { actor: actor(admin), eventId })).settledNow).toBe(false);
    expect(fake.connect.transfers.size).toBe(2);

    await shop.refundTicket({ actor: actor(admin), ticketId: tickets[0] as string });
    const tick = await runPayoutsTick(deps);
    expect(tick.refunds).toMatchObject({ reversed: 2, debts: 0 });
    expect(transfersTo(leadAccount)[0]).toMatchObject({ amount: 1202, amount_reversed: 601 });
    expect(transfersTo(guestAccount)[0]).toMatchObject({ amount: 800, amount_reversed: 400 });
    await runPayoutsTick(deps); // answered once
    expect(transfersTo(leadAccount)[0]?.amount_reversed).toBe(601);

    // The guest's account has paid its balance out to the bank: the reversal is refused → a debt.
    fake.connect.payOutAccount(guestAccount);
    await shop.refundTicket({ actor: actor(admin), ticketId: tickets[1] as string });
    expect((await runPayoutsTick(deps)).refunds).toMatchObject({ reversed: 1, debts: 1 });
    expect(transfersTo(guestAccount)[0]?.amount_reversed).toBe(400);
    const guestStatement = await hostPayoutStatement(deps, { actor: actor(guest), hostUserId: guest.userId });
    expect(guestStatement.balances).toEqual([{ currency: "usd", balanceCents: -400 }]);
    expect(guestStatement.movements.map((m) => [m.kind, m.amountCents, m.status])).toEqual(
      expect.arrayContaining([
        ["transfer", 800, "sent"],
        ["reversal", -400, "reversed"],
        ["debt", -400, "debt"],
      ]),
    );

    // Next show: the guest's transfer is their share minus the debt.
    const next = await db.event.create({
      data: { slug: `next-${eventId}`, title: "Next", description: "", startsAt: new Date(nowMs), durationMinutes: 60, priceCents: 2000, capacity: 10, status: "on_sale", streamKey: `k-${eventId}` },
    });
    await db.eventHost.create({ data: { eventId: next.id, userId: guest.userId, shareBps: 10_000 } });
    await sell(next.id, 1);
    await endShow(next.id);
    await settleEventEarly(deps, { actor: actor(admin), eventId: next.id });
    expect(transfersTo(guestAccount).map((t) => [t.amount, t.transfer_group])).toEqual([
      [800, eventId],
      [1600, next.id],
    ]);
  });

  it("a crash between the transfer call and the database write (process killed) is retried without a second transfer", async () => {
    const { eventId, hosts } = await seedEvent(db, { priceCents: 2500, hostShares: [10_000] });
    const host = hosts[0] as SeededUser;
    const account = await connect(host);
    await sell(eventId, 2);
    await endShow(eventId);

    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./testing/settle-in-child.ts", import.meta.url)), dbUrl, String(fake.port), eventId], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    fake.beforeReply(async (method, path) => {
      if (method === "POST" && path === "/v1/transfers") {
        child.kill("SIGKILL");
        await exited;
      }
    });
    expect(await exited, stderr).toBe("SIGKILL");
    fake.beforeReply(undefined);
    expect(transfersTo(account)).toHaveLength(1);
    expect(await db.payout.findFirst({ where: { eventId } })).toMatchObject({ status: "pending", transferId: null, attempts: 1 });

    // While the dead process's claim lasts nobody sends it; afterwards the tick finds the transfer and records it.
    await runPayoutsTick(deps);
    expect(await db.payout.findFirst({ where: { eventId } })).toMatchObject({ status: "pending" });
    nowMs += 120_000;
    await runPayoutsTick(deps);
    const transfer = transfersTo(account)[0];
    expect(transfersTo(account)).toHaveLength(1);
    expect(await db.payout.findFirst({ where: { eventId } })).toMatchObject({ status: "sent", transferId: transfer?.id, amountCents: 5000 });

    // The transfer.created webhook, replayed late and out of order, changes nothing.
    const created = fake.connect.events.find((e) => e.type === "transfer.created" && e.object.id === transfer?.id);
    for (let i = 0; i < 2; i += 1) expect((await deliver(fake.eventOf("transfer.created", created!.object))).status).toBe(200);
    expect(await db.payout.count({ where: { eventId } })).toBe(1);
    expect(fake.connect.transfers.size).toBe(1);
  });

  it("a transfer whose reply was lost is recorded by the transfer.created webhook, and never made twice", async () => {
    const { eventId, hosts } = await seedEvent(db, { priceCents: 1500, hostShares: [10_000] });
    const host = hosts[0] as SeededUser;
    const account = await connect(host);
    await sell(eventId, 1);
    await endShow(eventId);
    // Stripe makes the transfer, then its reply is lost (the fake answers 500 after carrying it out).
    fake.beforeReply((method, path) => {
      if (method === "POST" && path === "/v1/transfers") throw new Error("reply lost");
    });
    const admin = await seedUser(db, "admin");
    await settleEventEarly(deps, { actor: actor(admin), eventId }).catch(() => undefined);
    fake.beforeReply(undefined);
    const row = await db.payout.findFirstOrThrow({ where: { eventId } });
    expect(row.status).toBe("pending");
    const transfer = transfersTo(account)[0];
    expect(transfer?.metadata.payout_id).toBe(row.id);
    // The webhook arrives before any retry: the row becomes sent.
    const created = fake.connect.events.find((e) => e.type === "transfer.created" && e.object.id === transfer?.id);
    expect((await deliver(fake.eventOf("transfer.created", created!.object))).body.outcome).toBe("processed");
    expect(await db.payout.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "sent", transferId: transfer?.id });
    nowMs += 120_000;
    await runPayoutsTick(deps);
    expect(fake.connect.transfers.size).toBe(1);
    // A transfer.* event about a transfer Stripe does not know (not ours) is acknowledged and ignored.
    expect((await deliver(fake.eventOf("transfer.created", { ...created!.object, id: "tr_not_ours" } as NonNullable<typeof created>["object"]))).body.outcome).toBe("ignored");
  });
});
