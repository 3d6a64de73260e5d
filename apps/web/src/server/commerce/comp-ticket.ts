import { z } from "zod";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { type CommerceDeps } from "./deps";
import { dialectOf, lockBuyerOfEvent, takeSeat, TX_OPTIONS } from "./seats";
import { type CompResult } from "./types";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Input of compTicket. */
export interface CompTicketInput {
  /** Must be an admin. */
  actor: Actor | null;
  eventId: string;
  /** Email of an existing account that receives the ticket. */
  email: string;
}

const schema = z.object({
  eventId: cuidSchema,
  email: z.email("Enter a valid email address").trim().toLowerCase(),
});

/** Event statuses for which a comp ticket may still be granted. */
const COMPABLE = ["draft", "on_sale", "live"];

/**
 * Grants a complimentary ticket (source "comp", 0 cents) to the account with
 * `email`: takes a seat with the same conditional update as purchases (comps
 * count against capacity) and writes an AuditLog row ("ticket.comp").
 * Throws: UNAUTHENTICATED, FORBIDDEN (not admin), VALIDATION_FAILED,
 * NOT_FOUND (event or account), EVENT_NOT_ON_SALE (ended/cancelled),
 * ALREADY_HAS_TICKET, SOLD_OUT.
 */
export async function compTicket(deps: CommerceDeps, input: CompTicketInput): Promise<CompResult> {
  const actor = requireRole(input.actor, ["admin"]);
  const data = parseInput(schema, { eventId: input.eventId, email: input.email });
  const event = await deps.db.event.findUnique({ where: { id: data.eventId } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  if (!COMPABLE.includes(event.status)) throw new AppError("EVENT_NOT_ON_SALE", `Cannot give tickets for an event that is ${event.status}`);
  const user = await deps.db.user.findUnique({ where: { email: data.email } });
  if (!user) throw new AppError("NOT_FOUND", `No account with the email ${data.email}`);
  const dialect = dialectOf(deps.db);
  const ticket = await deps.db.$transaction(async (tx) => {
    await lockBuyerOfEvent(tx, dialect, event.id, user.id);
    const existing = await tx.ticket.findFirst({ where: { eventId: event.id, userId: user.id, status: "valid" } });
    if (existing) throw new AppError("ALREADY_HAS_TICKET", `${data.email} already has a ticket for this event`);
    if (!(await takeSeat(tx, event.id))) throw new AppError("SOLD_OUT", "This event is sold out");
    const created = await tx.ticket.create({
      data: { eventId: event.id, userId: user.id, status: "valid", source: "comp", amountCents: 0, currency: event.currency },
    });
    await tx.auditLog.create({
      data: {
        actorId: actor.userId,
        action: "ticket.comp",
        targetType: "ticket",
        targetId: created.id,
        details: JSON.stringify({ eventId: event.id, email: data.email }),
      },
    });
    return created;
  }, TX_OPTIONS);
  return { ticketId: ticket.id, userId: user.id, email: user.email, eventId: event.id };
}
