import type { Db } from "@limelight/db";
import { openReplayUntil } from "@limelight/domain/access/replay-access";
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
  /** End of the replay window (ms since the epoch) while the replay can be watched with this ticket, else null. */
  replayUntil: number | null;
}

/**
 * The actor's tickets, newest show first (valid, refunded and revoked), with
 * the replay window of ended shows at `now` (ms since the epoch).
 * Throws AppError UNAUTHENTICATED without an actor.
 */
export async function listMyTickets(db: Db, actor: Actor | null, now = Date.now()): Promise<MyTicket[]> {
  const me = requireRole(actor, ROLES);
  const rows = await db.ticket.findMany({
    where: { userId: me.userId },
    include: { event: { select: { id: true, slug: true, title: true, status: true, startsAt: true, endedAt: true, replayWindowHours: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((t) => {
    const { endedAt, replayWindowHours, ...event } = t.event;
    const until = openReplayUntil({ status: event.status, endedAt, replayWindowHours }, now);
    return {
      ticketId: t.id,
      status: t.status,
      source: t.source,
      amountCents: t.amountCents,
      currency: t.currency,
      boughtAt: new Date(t.createdAt),
      event: { ...event, status: event.status as EventStatus, startsAt: new Date(event.startsAt) },
      replayUntil: t.status === "valid" ? until : null,
    };
  });
}
