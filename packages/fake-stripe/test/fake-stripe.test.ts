import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { parseFormBody, startFakeStripe, type FakeStripe } from "../src/index";

let fake: FakeStripe;
let stripe: Stripe;
beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = new Stripe("sk_test_fake", { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 });
});
afterAll(async () => {
  await fake?.stop();
});

const inHalfAnHour = () => Math.floor(Date.now() / 1000) + 31 * 60;
const params = (): Stripe.Checkout.SessionCreateParams => ({
  mode: "payment",
  line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 1500, product_data: { name: "Ticket: Show" } } }],
  metadata: { kind: "ticket", holdId: "h1" },
  client_reference_id: "user_1",
  success_url: "http://localhost/ok?session_id={CHECKOUT_SESSION_ID}",
  cancel_url: "http://localhost/cancel",
  expires_at: inHalfAnHour(),
});

describe("fake Stripe answering the real stripe client", () => {
  it("decodes Stripe's bracketed form bodies into nested objects and arrays", () => {
    const form = parseFormBody("line_items[0][price_data][unit_amount]=1500&line_items[1][quantity]=2&metadata[kind]=tip&mode=payment");
    expect(form).toEqual({ line_items: [{ price_data: { unit_amount: "1500" } }, { quantity: "2" }], metadata: { kind: "tip" }, mode: "payment" });
  });

  it("creates, retrieves and expires a Checkout Session with metadata and client_reference_id", async () => {
    const created = await stripe.checkout.sessions.create(params());
    expect(created).toMatchObject({ object: "checkout.session", status: "open", payment_status: "unpaid", amount_total: 1500, currency: "usd", client_reference_id: "user_1" });
    expect(created.metadata).toEqual({ kind: "ticket", holdId: "h1" });
    expect(created.url).toContain(created.id);
    const read = await stripe.checkout.sessions.retrieve(created.id);
    expect(read.id).toBe(created.id);
    const expired = await stripe.checkout.sessions.expire(created.id);
    expect(expired.status).toBe("expired");
    await expect(stripe.checkout.sessions.expire(created.id)).rejects.toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400 });
  });

  it("replays a request with the same Idempotency-Key and refuses the key with other parameters", async () => {
    const first = await stripe.checkout.sessions.create(params(), { idempotencyKey: "hold_same" });
    const again = await stripe.checkout.sessions.create({ ...params(), expires_at: first.expires_at }, { idempotencyKey: "hold_same" });
    expect(again.id).toBe(first.id);
    const other = { ...params(), line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 9900, product_data: { name: "x" } } }] };
    await expect(stripe.checkout.sessions.create(other, { idempotencyKey: "hold_same" })).rejects.toMatchObject({ type: "StripeIdempotencyError" });
  });

  it("rejects an expires_at less than 30 minutes ahead, and unknown sessions with 404", async () => {
    await expect(stripe.checkout.sessions.create({ ...params(), expires_at: Math.floor(Date.now() / 1000) + 60 })).rejects.toMatchObject({ param: "expires_at" });
    await expect(stripe.checkout.sessions.retrieve("cs_test_nope")).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("refunds a paid session once, refusing to refund beyond the amount", async () => {
    const s = await stripe.checkout.sessions.create(params());
    const paid = fake.completeSession(s.id);
    const pi = paid.payment_intent as string;
    const refund = await stripe.refunds.create({ payment_intent: pi }, { idempotencyKey: "refund_1" });
    expect(refund).toMatchObject({ object: "refund", amount: 1500, status: "succeeded", payment_intent: pi });
    const replay = await stripe.refunds.create({ payment_intent: pi }, { idempotencyKey: "refund_1" });
    expect(replay.id).toBe(refund.id);
    await expect(stripe.refunds.create({ payment_intent: pi })).rejects.toMatchObject({ code: "charge_already_refunded" });
    const charge = await stripe.charges.retrieve(fake.chargeFor(pi).id);
    expect(charge).toMatchObject({ object: "charge", amount: 1500, amount_refunded: 1500, refunded: true, payment_intent: pi });
  });

  it("signs webhooks that the real library verifies, and that fail with another secret", () => {
    const s = fake.sessions.values().next().value;
    if (!s) throw new Error("no session");
    const { payload, header } = fake.sign(fake.eventFor("checkout.session.completed", s.id));
    const event = stripe.webhooks.constructEvent(payload, header, fake.webhookSecret);
    expect(event.type).toBe("checkout.session.completed");
    expect(() => stripe.webhooks.constructEvent(payload, header, "whsec_other")).toThrow();
  });

  it("refuses requests without a secret key", async () => {
    const res = await fetch(`${fake.url}/v1/checkout/sessions/cs_x`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });
});
