/**
 * Retry schedule of refunds owed for a cancelled event (CancellationRefund
 * rows): exponential backoff from 30 s, doubling, capped at 1 hour, with up
 * to 12 provider attempts (about 6 hours) before a row is "failed" and waits
 * for an admin. Stripe's own advice for failed API calls is to retry with
 * backoff using the same idempotency key:
 * https://docs.stripe.com/error-low-level#idempotency
 */

/** Provider attempts before a refund row becomes "failed". */
export const MAX_REFUND_ATTEMPTS = 12;
/** First retry delay in ms. */
export const REFUND_RETRY_BASE_MS = 30_000;
/** Longest retry delay in ms. */
export const REFUND_RETRY_MAX_MS = 3_600_000;

/** Statuses of a CancellationRefund row. */
export type CancellationRefundStatus = "pending" | "refunded" | "revoked" | "failed";

/**
 * Delay in ms before the next try after `attempts` failed attempts (≥ 1):
 * 30 s, 60 s, 120 s, ... capped at 1 h.
 */
export function refundRetryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(REFUND_RETRY_BASE_MS * 2 ** exponent, REFUND_RETRY_MAX_MS);
}

/**
 * Where a refund row goes after a failed attempt: "failed" once `attempts`
 * reaches MAX_REFUND_ATTEMPTS, else "pending" again at `now + delay`.
 */
export function afterFailedAttempt(attempts: number, now: Date): { status: "pending" | "failed"; nextAttemptAt: Date } {
  if (attempts >= MAX_REFUND_ATTEMPTS) return { status: "failed", nextAttemptAt: now };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + refundRetryDelayMs(attempts)) };
}
