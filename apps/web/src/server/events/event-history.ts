import type { Db } from "@limelight/db";
import { requireRole, type Actor } from "@limelight/domain";

/** One audit row as the admin event page lists it. */
export interface HistoryRow {
  id: string;
  at: Date;
  /** The admin's name, or "Stripe Dashboard" for a refund made there. */
  actorName: string;
  /** Dotted action ("event.create", "event.status", "ticket.refund", "ticket.comp", ...). */
  action: string;
  /** The stored JSON details, as text. */
  details: string;
}

function outsideActorName(action: string): string {
  return action.endsWith(".refund.external") ? "Stripe Dashboard" : "Outside Limelight";
}

/**
 * Admin: the latest `limit` (default 50) audit rows about one event: rows that
 * target it, and ticket rows whose details name it. Newest first.
 * Throws AppError UNAUTHENTICATED / FORBIDDEN (admins only).
 */
export async function eventHistory(db: Db, actor: Actor | null, eventId: string, limit = 50): Promise<HistoryRow[]> {
  requireRole(actor, ["admin"]);
  const rows = await db.auditLog.findMany({
    where: { OR: [{ targetId: eventId }, { details: { contains: eventId } }] },
    include: { actor: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map((r) => ({ id: r.id, at: new Date(r.createdAt), actorName: r.actor?.name ?? outsideActorName(r.action), action: r.action, details: r.details }));
}
