import { SEAT_HOLD_MS } from "@limelight/domain/commerce/seat-hold";
import { type CommerceDeps } from "./deps";
import { expireStaleSession } from "./expire-stale-session";
import { type TipSweepResult } from "./types";

/** Most tips handled per sweep (the next sweep takes the rest). */
export const TIP_SWEEP_BATCH = 200;

/**
 * Settles tips left "pending" past their Checkout Session's expiry
 * (createdAt + SEAT_HOLD_MS, the `expires_at` the session was created with):
 * the session is expired at the provider so it can no longer be paid; a
 * session found paid confirms the tip (and its revenue split) instead; any
 * other becomes "expired". Covers a missed `checkout.session.expired`
 * webhook and the test-mode provider, which sends none. A tip whose provider
 * call fails is left for the next sweep. Safe to run concurrently with
 * webhooks and with itself (every change is conditional on "pending").
 */
export async function sweepStaleTips(deps: CommerceDeps, now: Date = new Date()): Promise<TipSweepResult> {
  const tips = await deps.db.tip.findMany({
    where: { status: "pending", createdAt: { lte: new Date(now.getTime() - SEAT_HOLD_MS) } },
    orderBy: { createdAt: "asc" },
    take: TIP_SWEEP_BATCH,
  });
  const result: TipSweepResult = { expired: 0, confirmed: 0 };
  for (const tip of tips) {
    if (tip.checkoutSessionId) {
      const stale = await expireStaleSession(deps, tip.checkoutSessionId, { tipId: tip.id });
      if (stale.kind === "retry") continue;
      if (stale.kind === "paid") {
        if (stale.fulfilment === "granted") result.confirmed += 1;
        continue;
      }
    }
    const { count } = await deps.db.tip.updateMany({ where: { id: tip.id, status: "pending" }, data: { status: "expired" } });
    result.expired += count;
  }
  return result;
}
