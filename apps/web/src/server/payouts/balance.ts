import { hostBalanceCents, payoutCounts, payoutState, reversalCounts, type ReversalStatus } from "@limelight/domain/payouts/payout-rules";
import { type Tx } from "../commerce/seats";

/** A host's money in one currency, as payHost and the statements read it. All cents. */
export interface HostBalance {
  /** Sum of the host's ledger lines in settled shows. */
  settledLedgerCents: number;
  /** Payouts that count (pending, sent, reversed). */
  payoutsCents: number;
  /** Reversals that gave money back (pending, reversed). */
  reversalsCents: number;
  /** settled − payouts + reversals: > 0 owed to the host, < 0 a debt. */
  balanceCents: number;
  /** Ids of the refund ledger lines of settled shows that no PayoutReversal row answers yet. */
  unansweredRefundIds: string[];
}

/**
 * Reads a host's balance in `currency` inside `tx` (one read of each table,
 * so the refund lines a payout absorbs are exactly the ones it counted).
 */
export async function readHostBalance(tx: Tx, hostUserId: string, currency: string): Promise<HostBalance> {
  const entries = await tx.ledgerEntry.findMany({ where: { hostUserId, currency }, select: { id: true, eventId: true, sourceType: true, amountCents: true } });
  const eventIds = [...new Set(entries.map((e) => e.eventId))];
  const settled = new Set(
    (await tx.eventSettlement.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true } })).map((s) => s.eventId),
  );
  const payouts = await tx.payout.findMany({ where: { hostUserId, currency } });
  const reversals = await tx.payoutReversal.findMany({ where: { hostUserId }, select: { ledgerEntryId: true, amountCents: true, status: true, payoutId: true } });
  const payoutIds = new Set(payouts.map((p) => p.id));
  const settledEntries = entries.filter((e) => settled.has(e.eventId));
  const answered = new Set(reversals.map((r) => r.ledgerEntryId));
  const settledLedgerCents = settledEntries.reduce((sum, e) => sum + e.amountCents, 0);
  const payoutsCents = payouts.filter((p) => payoutCounts(payoutState(p))).reduce((sum, p) => sum + p.amountCents, 0);
  const reversalsCents = reversals
    .filter((r) => r.payoutId !== null && payoutIds.has(r.payoutId) && reversalCounts(r.status as ReversalStatus))
    .reduce((sum, r) => sum + r.amountCents, 0);
  return {
    settledLedgerCents,
    payoutsCents,
    reversalsCents,
    balanceCents: hostBalanceCents({ settledLedgerCents, payoutsCents, reversalsCents }),
    unansweredRefundIds: settledEntries.filter((e) => e.sourceType === "refund" && !answered.has(e.id)).map((e) => e.id),
  };
}
