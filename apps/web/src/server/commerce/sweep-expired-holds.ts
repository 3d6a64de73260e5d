import { type CommerceDeps } from "./deps";
import { expireStaleSession } from "./expire-stale-session";
import { releaseHoldInTx, TX_OPTIONS } from "./seats";
import { type SweepResult } from "./types";

/** Most holds handled per sweep (the next sweep takes the rest). */
export const SWEEP_BATCH = 200;

/**
 * Releases seat holds past their expiresAt at `now` (all events, or only
 * `options.eventId`). Each hold's Checkout
 * Session is first expired at the provider (so it can no longer be paid); if
 * the provider says it was paid after all, the hold becomes a ticket instead.
 * A hold whose provider call fails is left for the next sweep (the buyer may
 * still be paying). Callable from a route or an interval; safe to run
 * concurrently with webhooks and with itself.
 */
export async function sweepExpiredHolds(deps: CommerceDeps, now: Date = new Date(), options: { eventId?: string } = {}): Promise<SweepResult> {
  const holds = await deps.db.seatHold.findMany({
    where: { status: "open", expiresAt: { lte: now }, ...(options.eventId ? { eventId: options.eventId } : {}) },
    orderBy: { expiresAt: "asc" },
    take: SWEEP_BATCH,
  });
  const result: SweepResult = { released: 0, fulfilled: 0 };
  for (const hold of holds) {
    if (hold.checkoutSessionId) {
      const stale = await expireStaleSession(deps, hold.checkoutSessionId, { holdId: hold.id });
      if (stale.kind === "retry") continue;
      if (stale.kind === "paid") {
        if (stale.fulfilment === "granted") result.fulfilled += 1;
        continue;
      }
    }
    if (await deps.db.$transaction((tx) => releaseHoldInTx(tx, hold.id), TX_OPTIONS)) result.released += 1;
  }
  return result;
}
