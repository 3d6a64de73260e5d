import { processCancellationRefunds, recordCancellationRefunds } from "./cancellation-refunds";
import { type CommerceDeps } from "./deps";

/** What one reconciliation run did. */
export interface ReconcileResult {
  /** Refund rows added for valid tickets found on cancelled events. */
  found: number;
  /** Rows refunded or revoked in this run. */
  settled: number;
  /** Rows whose try failed and wait for their next backoff. */
  retrying: number;
  /** Rows that reached the attempt limit in this run. */
  failed: number;
}

/**
 * The periodic safety net of cancellations (run by the hold sweeper, every
 * 60 s in each server process): finds any ticket still valid on a cancelled
 * event (a cancel interrupted before recording its refunds, a comp given
 * later...) and records its refund row, then tries every refund row that is
 * due (pending, nextAttemptAt ≤ now), with backoff on failure. Safe to run
 * concurrently (rows are unique per ticket, refunds carry idempotency keys).
 */
export async function reconcileCancelledEvents(deps: CommerceDeps): Promise<ReconcileResult> {
  const stray = await deps.db.ticket.findMany({
    where: { status: "valid", event: { status: "cancelled" } },
    select: { eventId: true },
    distinct: ["eventId"],
    take: 100,
  });
  let found = 0;
  for (const { eventId } of stray) found += await recordCancellationRefunds(deps, eventId);
  const processed = await processCancellationRefunds(deps, { limit: 200 });
  return { found, ...processed };
}
