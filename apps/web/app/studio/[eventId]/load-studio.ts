/**
 * Loads what the studio page needs for one event after checking that the
 * actor may open it (`canOpenStudio`: the event's performers and admins).
 * Returns null when the event does not exist; throws AppError FORBIDDEN
 * (rendered as the 403 page) when the actor may not open this studio.
 */
import { assertCanOpenStudio } from "@limelight/domain/access/can-open-studio";
import type { Actor } from "@limelight/domain";
import { db } from "@/server/db";

/** The studio's view of an event. streamKey is secret: only hosts and admins see it. */
export interface StudioEvent {
  id: string;
  title: string;
  status: string;
  streamKey: string;
}

/** Loads the event and checks the actor; see the module comment for errors. */
export async function loadStudioEvent(eventId: string, actor: Actor): Promise<StudioEvent | null> {
  const event = await db().event.findUnique({
    where: { id: eventId },
    select: { id: true, title: true, status: true, streamKey: true, hosts: { select: { userId: true } } },
  });
  if (!event) return null;
  assertCanOpenStudio(actor, { hostUserIds: event.hosts.map((h) => h.userId), status: event.status });
  return { id: event.id, title: event.title, status: event.status, streamKey: event.streamKey };
}
