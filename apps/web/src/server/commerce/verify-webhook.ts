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

/** Largest difference in seconds between a signature's timestamp and our clock, in either direction (Stripe's default tolerance). */
export const WEBHOOK_TOLERANCE_S = 300;

/**
 * Verifies a webhook delivery's `Stripe-Signature` header over the RAW body
 * with the real library (`Stripe.webhooks.constructEvent`, 5 min tolerance)
 * and returns the event. The library only refuses timestamps too far in the
 * PAST; a timestamp more than WEBHOOK_TOLERANCE_S ahead of `now` is refused
 * here too (a replay window must not open into the future).
 * Throws AppError INVALID_SIGNATURE (HTTP 400) when the header is missing,
 * malformed, outside the tolerance or does not match the body.
 * Source: https://docs.stripe.com/webhooks#verify-events (replay attacks)
 */
export function verifyWebhook(rawBody: string, signatureHeader: string | null | undefined, secret: string, now: Date = new Date()): VerifiedWebhookEvent {
  if (!signatureHeader) throw new AppError("INVALID_SIGNATURE", "Missing Stripe-Signature header");
  const timestamp = Number(/(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(signatureHeader)?.[1] ?? NaN);
  if (!Number.isFinite(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > WEBHOOK_TOLERANCE_S) {
    throw new AppError("INVALID_SIGNATURE", "Webhook signature timestamp outside the tolerance");
  }
  let event: { id: string; type: string; data: { object: unknown } };
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret, WEBHOOK_TOLERANCE_S, undefined, now.getTime()) as unknown as typeof event;
  } catch (error) {
    throw new AppError("INVALID_SIGNATURE", "Webhook signature verification failed", { cause: error });
  }
  const object = event.data?.object as VerifiedWebhookEvent["object"] | undefined;
  if (typeof event.id !== "string" || typeof event.type !== "string" || !object || typeof object.id !== "string") {
    throw new AppError("BAD_REQUEST", "Webhook payload is not a Stripe event");
  }
  return { id: event.id, type: event.type, object };
}
