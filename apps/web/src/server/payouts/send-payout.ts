import { isAppError } from "@limelight/domain";
import { ConnectRefusedError, type TransferInfo } from "./connect-provider";
import { CLAIM_MS, type PayoutDeps, logOf, nowOf } from "./deps";

/** What sendPayout did. */
export type SendPayoutOutcome = "sent" | "failed" | "retry_later" | "busy" | "not_pending";

/**
 * Sends one pending payout row to Stripe exactly once, also across crashes:
 * 1. claims the row (lease `leaseUntil`, compare-and-set), so two instances
 *    never call Stripe for it at the same time ("busy");
 * 2. on a retry (attempts > 1) first looks for a transfer already made for
 *    it (transfer_group = event, metadata.payout_id), which covers a crash
 *    after Stripe's reply and idempotency keys pruned after 24 h;
 * 3. otherwise `transfers.create` with the row's idempotency key (the same
 *    key and parameters on every attempt, so Stripe answers a retried call
 *    with the transfer it already made, never a second one);
 * 4. writes "sent" + the transfer id. Stripe refusing for good → "failed"
 *    with the message (the balance stays owed); network/5xx/429 → the claim
 *    is released and the next tick retries ("retry_later").
 * Source: https://docs.stripe.com/api/idempotent_requests
 */
export async function sendPayout(deps: PayoutDeps, payoutId: string): Promise<SendPayoutOutcome> {
  const now = nowOf(deps);
  const claimed = await deps.db.payout.updateMany({
    where: { id: payoutId, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) {
    const row = await deps.db.payout.findUnique({ where: { id: payoutId }, select: { status: true } });
    return row?.status === "pending" ? "busy" : "not_pending";
  }
  const row = await deps.db.payout.findUniqueOrThrow({ where: { id: payoutId } });
  const metadata = { payout_id: row.id, event_id: row.eventId, host_user_id: row.hostUserId };
  try {
    let transfer: TransferInfo | undefined;
    if (row.attempts > 1) transfer = (await deps.connect.listTransfersOfGroup(row.eventId)).find((t) => t.metadata.payout_id === row.id);
    transfer ??= await deps.connect.createTransfer({
      amountCents: row.amountCents,
      currency: row.currency,
      destination: row.stripeAccountId,
      transferGroup: row.eventId,
      metadata,
      idempotencyKey: row.idempotencyKey,
    });
    await markPayoutSent(deps, row.id, transfer.id);
    logOf(deps, "payout sent", { payoutId: row.id, transferId: transfer.id, amountCents: row.amountCents });
    return "sent";
  } catch (error) {
    if (error instanceof ConnectRefusedError) {
      await deps.db.payout.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "failed", failureMessage: error.message, leaseUntil: null } });
      logOf(deps, "payout refused by Stripe", { payoutId: row.id, code: error.code, message: error.message });
      return "failed";
    }
    await deps.db.payout.updateMany({ where: { id: row.id, status: "pending" }, data: { leaseUntil: null } });
    if (!isAppError(error)) throw error;
    logOf(deps, "payout will be retried", { payoutId: row.id, code: error.code });
    return "retry_later";
  }
}

/** pending → sent with the transfer id (no-op when already sent); used by sendPayout and the transfer.* webhooks. */
export async function markPayoutSent(deps: PayoutDeps, payoutId: string, transferId: string): Promise<boolean> {
  const { count } = await deps.db.payout.updateMany({
    where: { id: payoutId, status: "pending" },
    data: { status: "sent", transferId, sentAt: nowOf(deps), leaseUntil: null, failureMessage: null },
  });
  return count === 1;
}
