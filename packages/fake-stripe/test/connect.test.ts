import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startFakeStripe, type FakeStripe } from "../src/index";

let fake: FakeStripe;
let stripe: Stripe;
beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = new Stripe("sk_test_fake", { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 });
});
afterAll(async () => {
  await fake?.stop();
});

/** Pays a Checkout Session so the platform has funds to transfer. */
async function fund(amount: number): Promise<string> {
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: amount, product_data: { name: "Ticket" } } }],
    success_url: "http://localhost/ok",
  });
  const paid = fake.completeSession(session.id);
  return fake.chargeFor(paid.payment_intent as string).id;
}

describe("fake Stripe Connect answering the real stripe client", () => {
  it("creates an Express account and an onboarding link whose page enables the account and redirects to return_url", async () => {
    const account = await stripe.accounts.create({ type: "express", email: "p@example.test" });
    expect(account).toMatchObject({ object: "account", type: "express", charges_enabled: false, payouts_enabled: false });
    expect(account.requirements?.currently_due?.length).toBeGreaterThan(0);
    const link = await stripe.accountLinks.create({ account: account.id, type: "account_onboarding", refresh_url: "http://app/refresh", return_url: "http://app/return" });
    expect(link.object).toBe("account_link");
    expect(link.expires_at - link.created).toBe(300);
    const page = await fetch(link.url, { redirect: "manual" });
    expect([page.status, page.headers.get("location")]).toEqual([303, "http://app/return"]);
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ charges_enabled: true, payouts_enabled: true, details_submitted: true });
    expect(fake.connect.events.at(-1)).toMatchObject({ type: "account.updated", object: { id: account.id, payouts_enabled: true } });
  });

  it("answers with Stripe's errors: missing params, unknown accounts, a destination without transfers, more than the balance", async () => {
    await expect(stripe.accountLinks.create({ account: "acct_nope", type: "account_onboarding", refresh_url: "http://a/r", return_url: "http://a/b" })).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    const fresh = await stripe.accounts.create({ type: "express" });
    await expect(stripe.accountLinks.create({ account: fresh.id, type: "account_onboarding", return_url: "http://a/b" } as Stripe.AccountLinkCreateParams)).rejects.toMatchObject({
      statusCode: 400,
      param: "refresh_url",
    });
    await fund(1000);
    await expect(stripe.transfers.create({ amount: 100, currency: "usd", destination: fresh.id })).rejects.toMatchObject({ code: "insufficient_capabilities_for_transfer" });
    fake.connect.completeOnboarding(fresh.id);
    await expect(stripe.transfers.create({ amount: 10_000_000, currency: "usd", destination: fresh.id })).rejects.toMatchObject({ code: "balance_insufficient" });
  });

  it("transfers with idempotency keys, lists by transfer_group and reverses up to the amount and the account's balance", async () => {
    const account = await stripe.accounts.create({ type: "express" });
    fake.connect.completeOnboarding(account.id);
    const charge = await fund(5000);
    const params = { amount: 3000, currency: "usd", destination: account.id, transfer_group: "evt_1", source_transaction: charge, metadata: { payout_id: "p1" } };
    const first = await stripe.transfers.create(params, { idempotencyKey: "payout_1" });
    const replay = await stripe.transfers.create(params, { idempotencyKey: "payout_1" });
    expect(replay.id).toBe(first.id);
    await expect(stripe.transfers.create({ ...params, amount: 2999 }, { idempotencyKey: "payout_1" })).rejects.toMatchObject({ type: "StripeIdempotencyError" });
    expect((await stripe.transfers.list({ transfer_group: "evt_1" })).data.map((t) => t.id)).toEqual([first.id]);
    const reversal = await stripe.transfers.createReversal(first.id, { amount: 1000 });
    expect(reversal).toMatchObject({ object: "transfer_reversal", amount: 1000, transfer: first.id });
    await expect(stripe.transfers.createReversal(first.id, { amount: 2001 })).rejects.toMatchObject({ statusCode: 400, param: "amount" });
    expect(await stripe.transfers.retrieve(first.id)).toMatchObject({ amount_reversed: 1000, reversed: false });
    fake.connect.payOutAccount(account.id);
    await expect(stripe.transfers.createReversal(first.id, { amount: 500 })).rejects.toMatchObject({ code: "balance_insufficient" });
    expect(fake.connect.events.filter((e) => e.object.id === first.id).map((e) => e.type)).toEqual(["transfer.created", "transfer.reversed"]);
  });
});
