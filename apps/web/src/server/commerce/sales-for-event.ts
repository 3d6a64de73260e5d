import { z } from "zod";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { type CommerceDeps } from "./deps";
import { type SaleRow } from "./types";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Input of salesForEvent. */
export interface SalesForEventInput {
  /** Must be an admin. */
  actor: Actor | null;
  eventId: string;
}

const schema = z.object({ eventId: cuidSchema });

/**
 * Every ticket of an event (purchases, comps, refunded and revoked ones),
 * newest first, with the buyer's email, for the admin sales page.
 * Throws: UNAUTHENTICATED, FORBIDDEN (not admin), NOT_FOUND.
 */
export async function salesForEvent(deps: CommerceDeps, input: SalesForEventInput): Promise<SaleRow[]> {
  requireRole(input.actor, ["admin"]);
  const { eventId } = parseInput(schema, { eventId: input.eventId });
  const event = await deps.db.event.findUnique({ where: { id: eventId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  const tickets = await deps.db.ticket.findMany({
    where: { eventId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return tickets.map((t) => ({
    ticketId: t.id,
    buyerUserId: t.user.id,
    buyerEmail: t.user.email,
    buyerName: t.user.name,
    status: t.status,
    source: t.source,
    amountCents: t.amountCents,
    currency: t.currency,
    createdAt: t.createdAt.toISOString(),
    revokedAt: t.revokedAt ? t.revokedAt.toISOString() : null,
  }));
}
