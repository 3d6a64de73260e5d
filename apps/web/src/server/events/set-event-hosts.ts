import type { Db } from "@limelight/db";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { assertHostsArePerformers, hostListSchema } from "@limelight/domain/events/hosts";
import { isEditable } from "@limelight/domain/events/status";
import { writeAudit } from "../audit";

/**
 * Replaces an event's hosts: 1..4 performers whose shares (basis points) sum to
 * 10,000 (hostListSchema). Only while the event is a draft or on sale, so the
 * split of sales already made is never rewritten. Writes "event.hosts.set".
 * Throws AppError UNAUTHENTICATED / FORBIDDEN (admins only), VALIDATION_FAILED
 * (shares, count, unknown or non-performer user), NOT_FOUND, CONFLICT.
 */
export async function setEventHosts(db: Db, actor: Actor | null, eventId: string, input: unknown): Promise<void> {
  const admin = requireRole(actor, ["admin"]);
  const hosts = parseInput(hostListSchema, input);
  const users = await db.user.findMany({ where: { id: { in: hosts.map((h) => h.userId) } }, select: { id: true, role: true } });
  assertHostsArePerformers(hosts, new Map(users.map((u) => [u.id, u.role])));
  await db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event) throw new AppError("NOT_FOUND", "No such event");
    if (!isEditable(event.status)) throw new AppError("CONFLICT", "Hosts can only change while the event is a draft or on sale");
    await tx.eventHost.deleteMany({ where: { eventId } });
    await tx.eventHost.createMany({ data: hosts.map((h) => ({ eventId, userId: h.userId, shareBps: h.shareBps })) });
    await writeAudit(tx, admin, "event.hosts.set", { type: "event", id: eventId }, { hosts });
  });
}
