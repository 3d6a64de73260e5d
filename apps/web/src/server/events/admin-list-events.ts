import type { Db } from "@limelight/db";
import { requireRole, type Actor } from "@limelight/domain";
import { eventInclude, toEventDetail, type EventDetail } from "./views";

/** All events for the admin list, newest start first. Throws UNAUTHENTICATED / FORBIDDEN for non-admins. */
export async function adminListEvents(db: Db, actor: Actor | null): Promise<EventDetail[]> {
  requireRole(actor, ["admin"]);
  const rows = await db.event.findMany({ include: eventInclude, orderBy: { startsAt: "desc" } });
  return rows.map(toEventDetail);
}

/** One event for the admin edit page. Throws UNAUTHENTICATED / FORBIDDEN for non-admins, NOT_FOUND. */
export async function adminGetEvent(db: Db, actor: Actor | null, eventId: string): Promise<EventDetail | null> {
  requireRole(actor, ["admin"]);
  const row = await db.event.findUnique({ where: { id: eventId }, include: eventInclude });
  return row ? toEventDetail(row) : null;
}

/** A performer account that can be assigned as host. */
export interface PerformerOption {
  userId: string;
  name: string;
  email: string;
}

/** Accounts that may host (performers and admins), by name. Admins only. */
export async function listHostCandidates(db: Db, actor: Actor | null): Promise<PerformerOption[]> {
  requireRole(actor, ["admin"]);
  const users = await db.user.findMany({ where: { role: { in: ["performer", "admin"] } }, orderBy: { name: "asc" } });
  return users.map((u) => ({ userId: u.id, name: u.name, email: u.email }));
}
