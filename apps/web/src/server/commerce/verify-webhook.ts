import Stripe from "stripe";
import { AppError } from "@limelight/domain";

/** The parts of a verified webhook event Limelight reads. */
export interface VerifiedWebhookEvent {
  /** `evt_...` */
  id: string;
  type: string;
  /** The event's `data.object` (only its `id` and `object` are trusted as a trigger). */
  object: { id: string; object: string; [key: string]: unknown };
}

/**
 * Verifies a webhook delivery's `Stripe-Signature` header over the RAW body
 * with the real library (`Stripe.webhooks.constructEvent`, 5 min tolerance)
 * and returns the event. Throws AppError INVALID_SIGNATURE (HTTP 400) when the
 * header is missing, malformed, stale or does not match the body.
 * Source: https://docs.stripe.com/webhooks#verify-events
 */
export function verifyWebhook(rawBody: string, signatureHeader: string | null | undefined, secret: string): VerifiedWebhookEvent {
  if (!signatureHeader) throw new AppError("INVALID_SIGNATURE", "Missing Stripe-Signature header");
  let event: { id: string; type: string; data: { object: unknown } };
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret) as unknown as typeof event;
  } catch (error) {
    throw new AppError("INVALID_SIGNATURE", "Webhook signature verification failed", { cause: error });
  }
  const object = event.data?.object as VerifiedWebhookEvent["object"] | undefined;
  if (typeof event.id !== "string" || typeof event.type !== "string" || !object || typeof object.id !== "string") {
    throw new AppError("BAD_REQUEST", "Webhook payload is not a Stripe event");
  }
  return { id: event.id, type: event.type, object };
}
