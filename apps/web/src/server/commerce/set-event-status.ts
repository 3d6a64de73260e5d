import { type Db } from "@limelight/db";
import { AppError } from "@limelight/domain";
import { assertTransition, type EventStatus } from "@limelight/domain/events/status";

/** Input of setEventStatus. */
export interface SetEventStatusInput {
  eventId: string;
  /** The status the caller read; the write happens only if the row still has it. */
  from: string;
  to: EventStatus;
  /** Who did it (AuditLog "event.status"); null for a background job. */
  actorId: string | null;
}

/**
 * The one write of an event's status used by the cancel flow: checks the
 * transition (`assertTransition`), then a conditional update
 * `where: { id, status: from }` (the row lock it takes is what fulfilment's
 * `SELECT … FOR UPDATE` orders against) and an AuditLog row, in one
 * transaction. Kept as one small function so the project-wide event-status
 * use case can replace it.
 * Throws AppError INVALID_TRANSITION, CONFLICT (the status changed meanwhile).
 */
export async function setEventStatus(db: Db, input: SetEventStatusInput): Promise<void> {
  assertTransition(input.from, input.to);
  await db.$transaction(async (tx) => {
    const { count } = await tx.event.updateMany({ where: { id: input.eventId, status: input.from }, data: { status: input.to } });
    if (count === 0) throw new AppError("CONFLICT", "The event changed meanwhile; reload and try again");
    await tx.auditLog.create({
      data: {
        actorId: input.actorId,
        action: "event.status",
        targetType: "event",
        targetId: input.eventId,
        details: JSON.stringify({ from: input.from, to: input.to }),
      },
    });
  });
}
