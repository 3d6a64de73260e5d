import type { Db } from "@limelight/db";
import { requireRole, type Actor } from "@limelight/domain";
import { eventInclude, toEventDetail, type EventDetail } from "./views";

/**
 * Events the actor hosts (any status), soonest first. Performers and admins only:
 * throws AppError UNAUTHENTICATED / FORBIDDEN otherwise.
 */
export async function listPerformerEvents(db: Db, actor: Actor | null): Promise<EventDetail[]> {
  const me = requireRole(actor, ["performer", "admin"]);
  const rows = await db.event.findMany({
    where: { hosts: { some: { userId: me.userId } } },
    include: eventInclude,
    orderBy: { startsAt: "asc" },
  });
  return rows.map(toEventDetail);
}
