import { type CommerceDeps, nowOf } from "./deps";
import { recordRefundMirror } from "./ledger";
import { freeSeat, TX_OPTIONS } from "./seats";

/** The Ticket columns refundValidTicket reads. */
export interface RefundableTicket {
  id: string;
  eventId: string;
  paymentIntentId: string | null;
  amountCents: number;
  currency: string;
}

/** What refundValidTicket did: "refunded" (paid) or "revoked" (nothing paid), and whether this call changed the row. */
export interface ValidTicketRefund {
  status: "refunded" | "revoked";
  refundId: string | null;
  /** False when the ticket had stopped being valid meanwhile (refunded by another path); the provider refund is the same one. */
  changed: boolean;
}

/**
 * Refunds one ticket: the provider refund first (idempotency key
 * `refund_ticket_<ticketId>` with the same parameters every time, so any
 * retry, resumed cancel or concurrent admin click returns the same refund and
 * never refunds twice), then in one transaction the ticket becomes
 * "refunded" ("revoked" for a comp with nothing paid) if still valid, its seat
 * is freed, the negative ledger entries and an AuditLog row (`audit.action`,
 * actor null for a background job) are written.
 * Throws PROVIDER_UNAVAILABLE (or the provider's error) with nothing changed in our database.
 */
export async function refundValidTicket(
  deps: CommerceDeps,
  ticket: RefundableTicket,
  audit: { actorId: string | null; context: string },
): Promise<ValidTicketRefund> {
  const paid = ticket.paymentIntentId !== null && ticket.amountCents > 0;
  const refund = paid
    ? await deps.provider.refundPayment({
        paymentIntentId: ticket.paymentIntentId as string,
        idempotencyKey: `refund_ticket_${ticket.id}`,
        reason: "admin_refund",
      })
    : null;
  const status = paid ? "refunded" : "revoked";
  const now = nowOf(deps);
  const changed = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.ticket.updateMany({ where: { id: ticket.id, status: "valid" }, data: { status, revokedAt: now } });
    if (count === 0) return false;
    await freeSeat(tx, ticket.eventId);
    if (paid) await recordRefundMirror(tx, { sourceType: "ticket", sourceId: ticket.id });
    await tx.auditLog.create({
      data: {
        actorId: audit.actorId,
        action: paid ? "ticket.refund" : "ticket.revoke",
        targetType: "ticket",
        targetId: ticket.id,
        details: JSON.stringify({
          eventId: ticket.eventId,
          amountCents: ticket.amountCents,
          currency: ticket.currency,
          refundId: refund?.id ?? null,
          context: audit.context,
        }),
      },
    });
    return true;
  }, TX_OPTIONS);
  return { status, refundId: refund?.id ?? null, changed };
}
