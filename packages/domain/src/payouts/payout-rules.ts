/**
 * Payout rules (Stripe Connect, separate charges and transfers): the state
 * machine of a payout row, a host's balance, the reversal a refund after a
 * transfer calls for, and the settlement window. Plain TypeScript, no I/O.
 * Source: https://docs.stripe.com/connect/separate-charges-and-transfers
 */

/**
 * A payout (one transfer to one host's connected account) as a discriminated
 * union. pending → sent → reversed (when reversals reach the amount);
 * pending → failed (Stripe refused: the balance stays owed and is paid by a
 * later transfer). A pending row is written BEFORE the Stripe call.
 */
export type PayoutState =
  | { status: "pending"; amountCents: number }
  | { status: "sent"; amountCents: number; transferId: string; reversedCents: number }
  | { status: "reversed"; amountCents: number; transferId: string; reversedCents: number }
  | { status: "failed"; amountCents: number; failureMessage: string };

/** The stored columns of a payout row that make up its state. */
export interface PayoutRow {
  status: string;
  amountCents: number;
  transferId: string | null;
  reversedCents: number;
  failureMessage: string | null;
}

/** Reads a stored payout row into its state; throws Error on a row no transition can produce. */
export function payoutState(row: PayoutRow): PayoutState {
  switch (row.status) {
    case "pending":
      return { status: "pending", amountCents: row.amountCents };
    case "sent":
    case "reversed":
      if (!row.transferId) throw new Error(`payout in status ${row.status} without a transfer id`);
      return { status: row.status, amountCents: row.amountCents, transferId: row.transferId, reversedCents: row.reversedCents };
    case "failed":
      return { status: "failed", amountCents: row.amountCents, failureMessage: row.failureMessage ?? "" };
    default:
      throw new Error(`unknown payout status ${row.status}`);
  }
}

/** True when a payout in this state counts as money given to the host (pending ones may already be at Stripe). */
export function payoutCounts(state: PayoutState): boolean {
  return state.status !== "failed";
}

/** What a reversal row says about a refund after settlement (see PayoutReversal in prisma/models.prisma). */
export type ReversalStatus = "absorbed" | "pending" | "reversed" | "debt";

/** True when a reversal row gave money back to the platform (or may have: pending). */
export function reversalCounts(status: ReversalStatus): boolean {
  return status === "pending" || status === "reversed";
}

/**
 * A host's balance in cents: what they earned in settled shows (the sum of
 * their ledger lines there: sales and tips positive, refunds negative),
 * minus payouts that count, plus reversals that count. Positive: owed to the
 * host (paid by the next transfer). Negative: a debt (deducted from the next
 * transfer) or a reversal still to make.
 */
export function hostBalanceCents(input: { settledLedgerCents: number; payoutsCents: number; reversalsCents: number }): number {
  return input.settledLedgerCents - input.payoutsCents + input.reversalsCents;
}

/**
 * The reversal a refund of `refundCents` (positive) calls for on the host's
 * transfer for that show, which can still give back `reversibleCents`
 * (amount − already reversed). Never more than either; 0 when no transfer.
 */
export function reversalFor(refundCents: number, reversibleCents: number): number {
  return Math.max(0, Math.min(refundCents, reversibleCents));
}

/** True when a show that ended at `endedAt` is past its settlement window at `now` (window in ms). */
export function settlementDue(endedAt: Date, windowMs: number, now: Date): boolean {
  return now.getTime() - endedAt.getTime() >= windowMs;
}

/** The idempotency key of a host's `seq`-th payout, sent for `eventId` (Stripe keeps keys 24 h). */
export function payoutIdempotencyKey(eventId: string, hostUserId: string, seq: number): string {
  return `payout_${eventId}_${hostUserId}_v${seq}`;
}

/** The idempotency key of the reversal answering one refund ledger line. */
export function reversalIdempotencyKey(ledgerEntryId: string): string {
  return `reversal_${ledgerEntryId}`;
}
