import type { Db } from "@limelight/db";
import type { Actor } from "@limelight/domain";

/** A Prisma client or an interactive transaction client: anything with the auditLog delegate. */
type AuditWriter = Pick<Db, "auditLog">;

/**
 * Appends one AuditLog row for an admin action: `action` is a dotted verb
 * ("event.create", "event.hosts.set", "ticket.refund"), `target` names the row
 * acted on, `details` is stored as JSON text.
 */
export async function writeAudit(
  db: AuditWriter,
  actor: Actor,
  action: string,
  target: { type: string; id: string },
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.auditLog.create({
    data: { actorId: actor.userId, action, targetType: target.type, targetId: target.id, details: JSON.stringify(details) },
  });
}
