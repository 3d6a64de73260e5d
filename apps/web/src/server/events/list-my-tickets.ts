import type { Db } from "@limelight/db";
import { requireRole, ROLES, type Actor } from "@limelight/domain";
import type { EventStatus } from "@limelight/domain/events/status";

/** One ticket under "My tickets". amountCents is what was paid (0 for comps). */
export interface MyTicket {
  ticketId: string;
  status: string;
  source: string;
  amountCents: number;
  currency: string;
  boughtAt: Date;
  event: { id: string; slug: string; title: string; status: EventStatus; startsAt: Date };
}

/**
 * The actor's tickets, newest show first (valid, refunded and revoked).
 * Throws AppError UNAUTHENTICATED without an actor.
 */
export async function listMyTickets(db: Db, actor: Actor | null): Promise<MyTicket[]> {
  const me = requireRole(actor, ROLES);
  const rows = await db.ticket.findMany({
    where: { userId: me.userId },
    include: { event: { select: { id: true, slug: true, title: true, status: true, startsAt: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((t) => ({
    ticketId: t.id,
    status: t.status,
    source: t.source,
    amountCents: t.amountCents,
    currency: t.currency,
    boughtAt: new Date(t.createdAt),
    event: { ...t.event, status: t.event.status as EventStatus, startsAt: new Date(t.event.startsAt) },
  }));
}
