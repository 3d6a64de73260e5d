import { type Db } from "@limelight/db";
import { transitionEventStatus } from "@limelight/db/events/transition-event-status";
import { AppError } from "@limelight/domain";
import { type EventStatus } from "@limelight/domain/events/status";

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
 * The cancel flow's write of an event's status, through the one lifecycle
 * use case (`transitionEventStatus`: `assertTransition`, then a conditional
 * update `where: { id, status: from }`, whose row lock is what fulfilment's
 * `SELECT … FOR UPDATE` orders against), plus an AuditLog row, in one
 * transaction.
 * Throws AppError INVALID_TRANSITION, CONFLICT (the status changed meanwhile).
 */
export async function setEventStatus(db: Db, input: SetEventStatusInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const moved = await transitionEventStatus(tx, { eventId: input.eventId, from: input.from as EventStatus, to: input.to });
    if (!moved) throw new AppError("CONFLICT", "The event changed meanwhile; reload and try again");
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
