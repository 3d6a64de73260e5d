import { z } from "zod";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { cuidSchema } from "@limelight/domain/validation/ids";
import {
  cancellationRefundSummary,
  processCancellationRefunds,
  recordCancellationRefunds,
  retryFailedCancellationRefunds,
  type CancellationRefundSummary,
} from "./cancellation-refunds";
import { type CommerceDeps } from "./deps";
import { setEventStatus } from "./set-event-status";

/** Input of cancelEvent. */
export interface CancelEventInput {
  /** Must be an admin. */
  actor: Actor | null;
  eventId: string;
}

/** What cancelEvent did: whether the event was already cancelled (a resumed run) and where its refunds stand. */
export interface CancelEventResult {
  eventId: string;
  resumed: boolean;
  refunds: CancellationRefundSummary;
}

const schema = z.object({ eventId: cuidSchema });

/**
 * Admin "Cancel event", resumable: an event not yet cancelled is cancelled
 * (one conditional status write, which fulfilment's event-row lock orders
 * against: a payment either committed its ticket before this write or sees
 * "cancelled" and is refunded at once). Then one CancellationRefund row is
 * recorded per valid ticket (refund for paid tickets, revoke for comps) and
 * every due row is tried now; failures retry in the background with backoff
 * (reconcileCancelledEvents). Calling it again on a cancelled event resumes:
 * rows for any ticket still valid are added, "failed" rows are due again.
 * Throws: UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED, NOT_FOUND,
 * INVALID_TRANSITION (live or ended events), CONFLICT (changed meanwhile).
 */
export async function cancelEvent(deps: CommerceDeps, input: CancelEventInput): Promise<CancelEventResult> {
  const actor = requireRole(input.actor, ["admin"]);
  const { eventId } = parseInput(schema, { eventId: input.eventId });
  const event = await deps.db.event.findUnique({ where: { id: eventId }, select: { status: true } });
  if (!event) throw new AppError("NOT_FOUND", "No such event");
  const resumed = event.status === "cancelled";
  if (!resumed) await setEventStatus(deps.db, { eventId, from: event.status, to: "cancelled", actorId: actor.userId });
  else await retryFailedCancellationRefunds(deps, eventId);
  await recordCancellationRefunds(deps, eventId);
  await processCancellationRefunds(deps, { eventId, actorId: actor.userId });
  return { eventId, resumed, refunds: await cancellationRefundSummary(deps, eventId) };
}
