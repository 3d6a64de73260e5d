import { z } from "zod";
import type { Db } from "@limelight/db";
import { transitionEventStatus } from "@limelight/db/events/transition-event-status";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { onSaleProblems } from "@limelight/domain/events/hosts";
import { assertTransition, type EventStatus } from "@limelight/domain/events/status";
import { writeAudit } from "../audit";

const schema = z.object({
  eventId: z.string().min(1, "Event is required"),
  to: z.enum(["on_sale", "cancelled"], { error: "Unknown status change" }),
});

/**
 * Admin status change: put on sale (needs hosts whose shares sum to 10,000 bps)
 * or cancel. Going live and ending happen from the studio. The update is
 * conditional on the status read, so two admins cannot race a transition.
 * Writes "event.status" with from/to. Returns the new status.
 * Throws AppError UNAUTHENTICATED / FORBIDDEN (admins only), VALIDATION_FAILED,
 * NOT_FOUND, INVALID_TRANSITION, CONFLICT (not ready for sale, or changed meanwhile).
 */
export async function changeEventStatus(db: Db, actor: Actor | null, input: unknown): Promise<EventStatus> {
  const admin = requireRole(actor, ["admin"]);
  const { eventId, to } = parseInput(schema, input);
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, include: { hosts: true } });
    if (!event) throw new AppError("NOT_FOUND", "No such event");
    assertTransition(event.status, to);
    if (to === "on_sale") {
      const problems = onSaleProblems(event.hosts);
      if (problems[0]) throw new AppError("CONFLICT", problems[0]);
    }
    const changed = await transitionEventStatus(tx, { eventId, from: event.status as EventStatus, to });
    if (!changed) throw new AppError("CONFLICT", "The event changed meanwhile; reload and try again");
    await writeAudit(tx, admin, "event.status", { type: "event", id: eventId }, { from: event.status, to });
    return to;
  });
}
