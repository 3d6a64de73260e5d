/**
 * Seat-hold rules. A seat is held while the buyer's Checkout Session is open;
 * holds count against capacity (Event.seatsTaken = valid tickets + open holds).
 * Stripe accepts `expires_at` 30 minutes to 24 hours after creation, so the
 * session (and its hold) lasts 30 minutes plus a small margin that covers the
 * time the create request takes.
 * Source: https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-expires_at
 */

/** How long a seat is held, in ms (30 min + 60 s margin). */
export const SEAT_HOLD_MS = 31 * 60 * 1000;

/** Event statuses in which tickets can be bought. */
export const SELLING_STATUSES = ["on_sale", "live"] as const;

/** When a hold made at `now` expires (also the Checkout Session's `expires_at`). */
export function holdExpiresAt(now: Date): Date {
  return new Date(now.getTime() + SEAT_HOLD_MS);
}

/** True when an event in `status` sells tickets. */
export function isSelling(status: string): boolean {
  return (SELLING_STATUSES as readonly string[]).includes(status);
}

/** Seats still for sale (never negative). */
export function seatsLeft(capacity: number, seatsTaken: number): number {
  return Math.max(0, capacity - seatsTaken);
}
