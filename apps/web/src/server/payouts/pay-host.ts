import { payoutIdempotencyKey } from "@limelight/domain/payouts/payout-rules";
import { isUniqueViolation, TX_OPTIONS } from "../commerce/seats";
import { readHostBalance } from "./balance";
import { type PayoutDeps, logOf, nowOf } from "./deps";

/** How long after Stripe refused a host's transfer before payHost tries again (unless their account changed since), ms. */
const RETRY_FAILED_MS = 24 * 3600_000;

/** What payHost did. */
export type PayHostOutcome =
  | { kind: "created"; payoutId: string; amountCents: number }
  | { kind: "no_account" }
  | { kind: "nothing_owed"; balanceCents: number }
  | { kind: "in_flight" }
  | { kind: "recently_failed" }
  | { kind: "raced" };

/**
 * Writes a host's next payout row ("pending", BEFORE any Stripe call) for
 * their whole balance in the event's currency: their share of the shows
 * settled so far, minus what was transferred, minus debts. `eventId` becomes
 * the transfer_group. One transaction: the balance is read, the row gets the
 * host's next `seq` (unique per host, so two instances settling at once
 * create one row; the other sees "raced"), and the refund lines the balance
 * already deducted are marked "absorbed" (no reversal for them later).
 * A host without an enabled connected account accrues ("no_account"); after
 * Stripe refused a transfer, the next try waits a day or an account update.
 * Send the row with sendPayout. Throws only on database errors.
 */
export async function payHost(deps: PayoutDeps, hostUserId: string, eventId: string): Promise<PayHostOutcome> {
  const account = await deps.db.connectedAccount.findUnique({ where: { userId: hostUserId } });
  if (!account?.payoutsEnabled) return { kind: "no_account" };
  const event = await deps.db.event.findUniqueOrThrow({ where: { id: eventId }, select: { currency: true } });
  try {
    return await deps.db.$transaction(async (tx): Promise<PayHostOutcome> => {
      if (await tx.payout.findFirst({ where: { hostUserId, status: "pending" }, select: { id: true } })) return { kind: "in_flight" };
      const latest = await tx.payout.findFirst({ where: { hostUserId }, orderBy: { seq: "desc" } });
      // A refused transfer is not retried every tick: after a day, or once the account changed.
      if (latest?.status === "failed" && latest.createdAt > account.updatedAt && nowOf(deps).getTime() - latest.createdAt.getTime() < RETRY_FAILED_MS) {
        return { kind: "recently_failed" };
      }
      const balance = await readHostBalance(tx, hostUserId, event.currency);
      if (balance.balanceCents <= 0) return { kind: "nothing_owed", balanceCents: balance.balanceCents };
      const seq = (latest?.seq ?? 0) + 1;
      const payout = await tx.payout.create({
        data: {
          eventId,
          hostUserId,
          seq,
          amountCents: balance.balanceCents,
          currency: event.currency,
          idempotencyKey: payoutIdempotencyKey(eventId, hostUserId, seq),
          stripeAccountId: account.stripeAccountId,
        },
      });
      if (balance.unansweredRefundIds.length > 0) {
        const lines = await tx.ledgerEntry.findMany({ where: { id: { in: balance.unansweredRefundIds } } });
        await tx.payoutReversal.createMany({
          data: lines.map((l) => ({ ledgerEntryId: l.id, hostUserId, eventId: l.eventId, payoutId: null, amountCents: -l.amountCents, status: "absorbed" })),
        });
      }
      return { kind: "created", payoutId: payout.id, amountCents: payout.amountCents };
    }, TX_OPTIONS);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    logOf(deps, "payout raced with another instance", { hostUserId, eventId });
    return { kind: "raced" };
  }
}
