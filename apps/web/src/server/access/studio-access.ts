import type { Db } from "@limelight/db";
import { AppError, type Actor } from "@limelight/domain";
import { assertCanOpenStudio } from "@limelight/domain/access/can-open-studio";

/** The event as the studio needs it after the access check. */
export interface StudioEvent {
  id: string;
  slug: string;
  title: string;
  status: string;
  startsAt: Date;
  hostUserIds: string[];
}

/**
 * Loads `eventId` and checks that `actor` may open its studio (canOpenStudio:
 * its hosts and admins). Throws AppError NOT_FOUND (unknown event),
 * UNAUTHENTICATED (signed out) or FORBIDDEN (another performer, a viewer).
 */
export async function loadStudioEvent(db: Db, actor: Actor | null, eventId: string): Promise<{ actor: Actor; event: StudioEvent }> {
  const row = await db.event.findUnique({ where: { id: eventId }, include: { hosts: { select: { userId: true } } } });
  if (!row) throw new AppError("NOT_FOUND", "No such show");
  const event: StudioEvent = {
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    startsAt: new Date(row.startsAt),
    hostUserIds: row.hosts.map((h) => h.userId),
  };
  return { actor: assertCanOpenStudio(actor, event), event };
}
