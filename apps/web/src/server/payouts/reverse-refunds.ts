import { reversalFor, reversalIdempotencyKey } from "@limelight/domain/payouts/payout-rules";
import { isAppError } from "@limelight/domain";
import { isUniqueViolation, TX_OPTIONS } from "../commerce/seats";
import { ConnectRefusedError } from "./connect-provider";
import { type PayoutDeps, logOf } from "./deps";

/** Counts of one answerRefunds pass. */
export interface AnswerRefundsResult {
  reversed: number;
  debts: number;
  absorbed: number;
  retryLater: number;
}

/**
 * A refund after settlement: every refund ledger line (a host's negative
 * share) of a settled show that no PayoutReversal row answers yet gets one:
 * - the host's transfer for that show can still give money back → a
 *   "pending" row (idempotency key `reversal_<ledgerEntryId>`) written
 *   before `transfers.createReversal`, then "reversed";
 * - Stripe refuses the reversal (e.g. the connected account already paid its
 *   balance out) → "debt": the host's balance goes negative and the next
 *   transfer is that much smaller;
 * - nothing was transferred for that show → "absorbed" (the balance, which
 *   the line already lowered, pays less later).
 * Lines of a host with a payout in flight wait for the next pass. Pending
 * rows left by a crash are sent again with the same key. The unique
 * ledgerEntryId makes two instances answer a line once.
 * Source: https://docs.stripe.com/connect/separate-charges-and-transfers#reversing-transfers
 */
export async function answerRefunds(deps: PayoutDeps): Promise<AnswerRefundsResult> {
  const result: AnswerRefundsResult = { reversed: 0, debts: 0, absorbed: 0, retryLater: 0 };
  const settled = (await deps.db.eventSettlement.findMany({ select: { eventId: true } })).map((s) => s.eventId);
  const lines = await deps.db.ledgerEntry.findMany({ where: { sourceType: "refund", eventId: { in: settled } } });
  const answered = new Set(
    (await deps.db.payoutReversal.findMany({ where: { ledgerEntryId: { in: lines.map((l) => l.id) } }, select: { ledgerEntryId: true } })).map((r) => r.ledgerEntryId),
  );
  for (const line of lines.filter((l) => !answered.has(l.id))) {
    let created: { id: string; status: string } | null;
    try {
      created = await deps.db.$transaction(async (tx) => {
        if (await tx.payout.findFirst({ where: { hostUserId: line.hostUserId, status: "pending" }, select: { id: true } })) return null;
        const payouts = await tx.payout.findMany({ where: { eventId: line.eventId, hostUserId: line.hostUserId, status: { in: ["sent", "reversed"] } }, orderBy: { seq: "desc" } });
        let best: { id: string; reversible: number } | null = null;
        for (const p of payouts) {
          const taken = await tx.payoutReversal.aggregate({ where: { payoutId: p.id, status: { in: ["pending", "reversed"] } }, _sum: { amountCents: true } });
          const reversible = p.amountCents - (taken._sum.amountCents ?? 0);
          if (!best || reversible > best.reversible) best = { id: p.id, reversible };
        }
        const amount = reversalFor(-line.amountCents, best?.reversible ?? 0);
        const base = { ledgerEntryId: line.id, hostUserId: line.hostUserId, eventId: line.eventId };
        if (amount === 0 || !best) return tx.payoutReversal.create({ data: { ...base, payoutId: null, amountCents: -line.amountCents, status: "absorbed" } });
        return tx.payoutReversal.create({ data: { ...base, payoutId: best.id, amountCents: amount, status: "pending", idempotencyKey: reversalIdempotencyKey(line.id) } });
      }, TX_OPTIONS);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      continue; // another instance answered it
    }
    if (!created) continue;
    if (created.status === "absorbed") result.absorbed += 1;
  }
  const pending = await deps.db.payoutReversal.findMany({ where: { status: "pending" }, select: { id: true } });
  for (const row of pending) {
    const outcome = await sendReversal(deps, row.id);
    if (outcome === "reversed") result.reversed += 1;
    else if (outcome === "debt") result.debts += 1;
    else result.retryLater += 1;
  }
  return result;
}

/**
 * Sends one pending reversal (same idempotency key on every try) and records
 * the outcome: "reversed" (the payout's reversedCents follows; the payout
 * becomes "reversed" once fully given back), "debt" (Stripe refused), or
 * "retry_later" (network/5xx; the row stays pending).
 */
export async function sendReversal(deps: PayoutDeps, reversalRowId: string): Promise<"reversed" | "debt" | "retry_later"> {
  const row = await deps.db.payoutReversal.findUniqueOrThrow({ where: { id: reversalRowId } });
  if (row.status !== "pending" || !row.payoutId || !row.idempotencyKey) return row.status === "debt" ? "debt" : "reversed";
  const payout = await deps.db.payout.findUniqueOrThrow({ where: { id: row.payoutId } });
  if (!payout.transferId) return "retry_later";
  try {
    const reversal = await deps.connect.createReversal({
      transferId: payout.transferId,
      amountCents: row.amountCents,
      metadata: { ledger_entry_id: row.ledgerEntryId, payout_id: payout.id },
      idempotencyKey: row.idempotencyKey,
    });
    await deps.db.$transaction(async (tx) => {
      const { count } = await tx.payoutReversal.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "reversed", reversalId: reversal.id } });
      if (count === 0) return;
      const sum = await tx.payoutReversal.aggregate({ where: { payoutId: payout.id, status: "reversed" }, _sum: { amountCents: true } });
      const reversedCents = Math.max(sum._sum.amountCents ?? 0, (await tx.payout.findUniqueOrThrow({ where: { id: payout.id } })).reversedCents);
      await tx.payout.update({ where: { id: payout.id }, data: { reversedCents, ...(reversedCents >= payout.amountCents ? { status: "reversed" } : {}) } });
    }, TX_OPTIONS);
    logOf(deps, "transfer reversed after a refund", { payoutId: payout.id, reversalId: reversal.id, amountCents: row.amountCents });
    return "reversed";
  } catch (error) {
    if (error instanceof ConnectRefusedError) {
      await deps.db.payoutReversal.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "debt", failureMessage: error.message } });
      logOf(deps, "transfer reversal refused: recorded as the host's debt", { payoutId: payout.id, code: error.code, amountCents: row.amountCents });
      return "debt";
    }
    if (!isAppError(error)) throw error;
    return "retry_later";
  }
}
