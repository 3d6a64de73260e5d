import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { AppError, type Actor } from "@limelight/domain";
import { type CommerceDeps, nowOf } from "./deps";
import { handleStripeWebhook } from "./handle-stripe-webhook";
import { type CheckoutSessionInfo } from "./payment-provider";
import { TestModePaymentProvider } from "./test-mode-payment-provider";
import { type TestCheckoutView, type WebhookOutcome } from "./types";

/** Where the test page sends the browser after Pay or Cancel. */
export interface TestCheckoutRedirect {
  redirectUrl: string;
  /** What the (locally signed) webhook handler answered. */
  webhook: WebhookOutcome;
}

function testProvider(deps: CommerceDeps): TestModePaymentProvider {
  if (!(deps.provider instanceof TestModePaymentProvider)) throw new AppError("NOT_FOUND", "Test checkout is only available in test mode");
  return deps.provider;
}

/**
 * Only the buyer the session was made for (its `metadata.userId`, else
 * `client_reference_id`) or an admin may see, pay or cancel a test checkout,
 * as only the buyer can act on their own Checkout Session in live mode.
 * Throws FORBIDDEN otherwise (anonymous included).
 */
function assertBuyerOrAdmin(actor: Actor | null, session: CheckoutSessionInfo): void {
  const owner = session.metadata.userId ?? session.clientReferenceId;
  if (actor && (actor.role === "admin" || (owner && actor.userId === owner))) return;
  throw new AppError("FORBIDDEN", "Only the buyer can use this checkout; sign in with the account that started it");
}

/**
 * The test-mode hosted payment page's data, for its buyer or an admin.
 * Throws NOT_FOUND outside test mode or for an unknown session, FORBIDDEN
 * for anyone else.
 */
export async function viewTestCheckout(deps: CommerceDeps, actor: Actor | null, sessionId: string): Promise<TestCheckoutView> {
  const s = await testProvider(deps).sessionDetails(sessionId);
  assertBuyerOrAdmin(actor, s);
  return {
    sessionId: s.id,
    productName: s.productName,
    amountCents: s.amountCents,
    currency: s.currency,
    status: s.status,
    expiresAt: s.expiresAt.toISOString(),
    successUrl: s.successUrl.replaceAll("{CHECKOUT_SESSION_ID}", s.id),
    cancelUrl: s.cancelUrl,
  };
}

/**
 * The Pay button: marks the test session paid, then builds a
 * `checkout.session.completed` event, signs it with the real stripe library
 * (`Stripe.webhooks.generateTestHeaderString`, the configured webhook secret)
 * and hands the raw body + signature to handleStripeWebhook: the same
 * fulfilment path, signature check included, as a real Stripe delivery.
 * Only its buyer or an admin. Throws NOT_FOUND, FORBIDDEN, CONFLICT (expired or already paid).
 */
export async function payTestCheckout(deps: CommerceDeps, actor: Actor | null, sessionId: string): Promise<TestCheckoutRedirect> {
  const provider = testProvider(deps);
  assertBuyerOrAdmin(actor, await provider.sessionDetails(sessionId));
  const session = await provider.completeCheckoutSession(sessionId);
  const webhook = await deliverSignedEvent(deps, "checkout.session.completed", session);
  const details = await provider.sessionDetails(sessionId);
  return { redirectUrl: details.successUrl.replaceAll("{CHECKOUT_SESSION_ID}", sessionId), webhook };
}

/**
 * The Cancel button: expires the test session at once (as a buyer abandoning
 * Stripe Checkout would, eventually) and delivers a signed
 * `checkout.session.expired` event, which frees the held seat right away.
 * Only its buyer or an admin. Throws NOT_FOUND, FORBIDDEN.
 */
export async function cancelTestCheckout(deps: CommerceDeps, actor: Actor | null, sessionId: string): Promise<TestCheckoutRedirect> {
  const provider = testProvider(deps);
  assertBuyerOrAdmin(actor, await provider.sessionDetails(sessionId));
  const session = await provider.expireCheckoutSession(sessionId);
  const webhook = await deliverSignedEvent(deps, "checkout.session.expired", session);
  const details = await provider.sessionDetails(sessionId);
  return { redirectUrl: details.cancelUrl, webhook };
}

/** Builds a Stripe-shaped event around `session`, signs it and runs the webhook handler on the raw body. */
async function deliverSignedEvent(deps: CommerceDeps, type: string, session: CheckoutSessionInfo): Promise<WebhookOutcome> {
  const created = Math.floor(nowOf(deps).getTime() / 1000);
  const payload = JSON.stringify({
    id: `evt_test_${randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: "2025-01-01",
    created,
    livemode: false,
    type,
    data: {
      object: {
        id: session.id,
        object: "checkout.session",
        status: session.status,
        payment_status: session.paymentStatus,
        payment_intent: session.paymentIntentId,
        amount_total: session.amountTotal,
        currency: session.currency,
        client_reference_id: session.clientReferenceId,
        metadata: session.metadata,
        expires_at: Math.floor(session.expiresAt.getTime() / 1000),
        mode: "payment",
        livemode: false,
      },
    },
  });
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: deps.webhookSecret });
  return handleStripeWebhook(deps, payload, header);
}
