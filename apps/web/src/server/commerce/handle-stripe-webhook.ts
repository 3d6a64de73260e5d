import { isAppError } from "@limelight/domain";
import { type CommerceDeps, logOf } from "./deps";
import { fulfilCheckoutSession, settleEndedSession } from "./fulfil-checkout-session";
import { handleChargeRefunded } from "./handle-charge-refunded";
import { isUniqueViolation } from "./seats";
import { type WebhookOutcome } from "./types";
import { verifyWebhook } from "./verify-webhook";

/**
 * Webhook event types Limelight acts on; every other type is acknowledged
 * and ignored. Source: https://docs.stripe.com/checkout/fulfillment
 */
export const HANDLED_WEBHOOK_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.expired",
  "charge.refunded",
] as const;

/**
 * Handles one webhook delivery (Stripe's, or the test-mode provider's, which
 * is signed the same way): verifies the signature over the RAW body, skips
 * event ids already processed (ProcessedStripeEvent), re-reads the Checkout
 * Session from the provider and fulfils it or releases its hold
 * (`charge.refunded`: re-reads the charge and revokes what a full refund
 * paid for, see handle-charge-refunded.ts). The event
 * id is recorded only after success, so a failed delivery is retried.
 * A session or charge the provider answers 404 for is acknowledged
 * (`unknown_object`, logged), never retried.
 * Returns `{received: true, ...}` for the 200 reply.
 * Throws: INVALID_SIGNATURE (400, nothing changed), BAD_REQUEST (not an
 * event), PROVIDER_UNAVAILABLE (503: Stripe retries).
 */
export async function handleStripeWebhook(
  deps: CommerceDeps,
  rawBody: string,
  signatureHeader: string | null | undefined,
): Promise<WebhookOutcome> {
  const event = verifyWebhook(rawBody, signatureHeader, deps.webhookSecret);
  const base = { received: true as const, eventId: event.id, type: event.type };
  const expected = event.type === "charge.refunded" ? "charge" : "checkout.session";
  if (!(HANDLED_WEBHOOK_TYPES as readonly string[]).includes(event.type) || event.object.object !== expected) {
    return { ...base, outcome: "ignored" };
  }
  const seen = await deps.db.processedStripeEvent.findUnique({ where: { id: event.id } });
  if (seen) return { ...base, outcome: "duplicate" };

  try {
    if (event.type === "charge.refunded") await handleChargeRefunded(deps, event.object.id);
    else if (event.type === "checkout.session.expired") await settleEndedSession(deps, event.object.id);
    else await fulfilCheckoutSession(deps, event.object.id);
  } catch (error) {
    // The provider does not know the object (another account's, deleted, a test event): acknowledge with 200 so
    // Stripe does not retry it for three days, and log it. Source: https://docs.stripe.com/webhooks#handle-events
    if (!(isAppError(error) && error.code === "NOT_FOUND")) throw error;
    logOf(deps, "webhook for an object the provider does not know; acknowledged", { eventId: event.id, type: event.type, objectId: event.object.id });
    return { ...base, outcome: "unknown_object" };
  }

  try {
    await deps.db.processedStripeEvent.create({ data: { id: event.id, type: event.type } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return { ...base, outcome: "processed" };
}
