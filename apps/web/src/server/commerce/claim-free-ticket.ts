import { AppError, ROLES, requireRole, type Actor } from "@limelight/domain";
import { isSelling } from "@limelight/domain/commerce/seat-hold";
import { sendTicketReceipt } from "../mail/ticket-receipt";
import { type CommerceDeps } from "./deps";
import { dialectOf, lockBuyerOfEvent, takeSeat, TX_OPTIONS } from "./seats";

/** Input of claimFreeTicket. */
export interface ClaimFreeTicketInput {
  /** The signed-in viewer (any role); null → UNAUTHENTICATED. */
  actor: Actor | null;
  eventId: string;
  /** Must be true when the event has a content warning. */
  acknowledgedContentWarning?: boolean;
}

/**
 * Claims a ticket to a free show (price 0): no Checkout Session, no payment.
 * Takes a seat with the same conditional update as purchases (free tickets
 * count against capacity) and creates a valid Ticket with source "free" and
 * 0 cents in one transaction, then mails the receipt (deps.mailer; failures
 * only logged). Returns the ticket id.
 * Throws: UNAUTHENTICATED, NOT_FOUND, EVENT_NOT_ON_SALE, VALIDATION_FAILED
 * (content warning not acknowledged, or the show is not free), ALREADY_HAS_TICKET,
 * SOLD_OUT.
 */
export async function claimFreeTicket(deps: CommerceDeps, input: ClaimFreeTicketInput): Promise<{ ticketId: string }> {
  const actor = requireRole(input.actor, ROLES);
  const event = await deps.db.event.findUnique({ where: { id: input.eventId } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  if (!isSelling(event.status)) throw new AppError("EVENT_NOT_ON_SALE", "Tickets for this event are not available");
  if (event.priceCents !== 0) throw new AppError("VALIDATION_FAILED", "This show is not free");
  if (event.contentWarning && !input.acknowledgedContentWarning) {
    throw new AppError("VALIDATION_FAILED", "Please acknowledge the content warning before getting a ticket", {
      details: [{ path: "acknowledgedContentWarning", message: event.contentWarning }],
    });
  }
  const dialect = dialectOf(deps.db);
  const ticket = await deps.db.$transaction(async (tx) => {
    await lockBuyerOfEvent(tx, dialect, event.id, actor.userId);
    const existing = await tx.ticket.findFirst({ where: { eventId: event.id, userId: actor.userId, status: "valid" } });
    if (existing) throw new AppError("ALREADY_HAS_TICKET", "You already have a ticket for this event");
    if (!(await takeSeat(tx, event.id))) throw new AppError("SOLD_OUT", "Sorry, this event is sold out");
    return tx.ticket.create({ data: { eventId: event.id, userId: actor.userId, status: "valid", source: "free", amountCents: 0, currency: event.currency } });
  }, TX_OPTIONS);
  // After the commit; a mail failure is logged and never undoes the ticket.
  await sendTicketReceipt(deps, ticket.id);
  return { ticketId: ticket.id };
}
