import { type CommerceDeps, logOf, nowOf } from "./deps";
import { recordRefundMirror } from "./ledger";
import { freeSeat, TX_OPTIONS } from "./seats";

/** The AuditLog row of a refund made outside Limelight (no acting user). */
function externalRefundAudit(kind: "ticket" | "tip", row: { id: string; eventId: string; amountCents: number; currency: string }, chargeId: string) {
  return {
    actorId: null,
    action: `${kind}.refund.external`,
    targetType: kind,
    targetId: row.id,
    details: JSON.stringify({ eventId: row.eventId, amountCents: row.amountCents, currency: row.currency, chargeId }),
  };
}

/** What a `charge.refunded` delivery changed. */
export type ChargeRefundOutcome = "revoked_ticket" | "refunded_tip" | "nothing" | "partial";

/**
 * A payment refunded outside Limelight (e.g. from the Stripe Dashboard): the
 * charge is re-read from the provider and, once FULLY refunded, the ticket it
 * paid for is marked "refunded" (seat freed, hosts' shares reversed), or the
 * tip it paid for is marked "refunded" (reversed too), with an AuditLog row
 * without actor ("ticket.refund.external" / "tip.refund.external", details
 * {eventId, amountCents, currency, chargeId}). Partial refunds change
 * nothing. Refunds Limelight made itself find nothing left to do. Idempotent.
 * Source: https://docs.stripe.com/api/events/types#event_types-charge.refunded
 */
export async function handleChargeRefunded(deps: CommerceDeps, chargeId: string): Promise<ChargeRefundOutcome> {
  const charge = await deps.provider.retrieveCharge(chargeId);
  if (!charge.refunded || !charge.paymentIntentId) return "partial";
  const paymentIntentId = charge.paymentIntentId;
  const now = nowOf(deps);
  const outcome = await deps.db.$transaction(async (tx): Promise<ChargeRefundOutcome> => {
    const ticket = await tx.ticket.findFirst({ where: { paymentIntentId, status: "valid" } });
    if (ticket) {
      const { count } = await tx.ticket.updateMany({ where: { id: ticket.id, status: "valid" }, data: { status: "refunded", revokedAt: now } });
      if (count === 1) {
        await freeSeat(tx, ticket.eventId);
        await recordRefundMirror(tx, { sourceType: "ticket", sourceId: ticket.id });
        await tx.auditLog.create({ data: externalRefundAudit("ticket", ticket, chargeId) });
        return "revoked_ticket";
      }
    }
    const tip = await tx.tip.findFirst({ where: { paymentIntentId, status: "confirmed" } });
    if (tip) {
      const { count } = await tx.tip.updateMany({ where: { id: tip.id, status: "confirmed" }, data: { status: "refunded" } });
      if (count === 1) {
        await recordRefundMirror(tx, { sourceType: "tip", sourceId: tip.id });
        await tx.auditLog.create({ data: externalRefundAudit("tip", tip, chargeId) });
        return "refunded_tip";
      }
    }
    return "nothing";
  }, TX_OPTIONS);
  if (outcome !== "nothing") logOf(deps, "payment refunded outside Limelight", { chargeId, paymentIntentId, outcome });
  return outcome;
}
