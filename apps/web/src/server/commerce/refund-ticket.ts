import { z } from "zod";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { type CommerceDeps } from "./deps";
import { refundValidTicket } from "./refund-valid-ticket";
import { type RefundResult } from "./types";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Input of refundTicket. */
export interface RefundTicketInput {
  /** Must be an admin. */
  actor: Actor | null;
  ticketId: string;
}

const schema = z.object({ ticketId: cuidSchema });

/**
 * Admin refund: refunds the ticket's payment at the provider (idempotency key
 * `refund_ticket_<ticketId>`, so a retried click never refunds twice), then
 * in one transaction marks the ticket "refunded" (a comp ticket, with nothing
 * paid, becomes "revoked"), frees its seat, writes the negative ledger
 * entries and an AuditLog row ("ticket.refund").
 * Throws: UNAUTHENTICATED, FORBIDDEN (not admin), VALIDATION_FAILED,
 * NOT_FOUND, CONFLICT (ticket not valid any more), PROVIDER_UNAVAILABLE
 * (nothing changed in our database).
 */
export async function refundTicket(deps: CommerceDeps, input: RefundTicketInput): Promise<RefundResult> {
  const actor = requireRole(input.actor, ["admin"]);
  const { ticketId } = parseInput(schema, { ticketId: input.ticketId });
  const ticket = await deps.db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw new AppError("NOT_FOUND", "Ticket not found");
  if (ticket.status !== "valid") throw new AppError("CONFLICT", `This ticket is already ${ticket.status}`);

  const { status, refundId, changed } = await refundValidTicket(deps, ticket, { actorId: actor.userId, context: "admin" });
  if (!changed) throw new AppError("CONFLICT", "This ticket was refunded meanwhile");
  return { ticketId: ticket.id, status, refundId, amountCents: status === "refunded" ? ticket.amountCents : 0, currency: ticket.currency };
}
