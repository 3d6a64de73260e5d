import { payAccrued } from "./connect-account";
import { type PayoutDeps } from "./deps";
import { answerRefunds, type AnswerRefundsResult } from "./reverse-refunds";
import { sendPayout } from "./send-payout";
import { settleDueEvents } from "./settle-event";

/** What one tick did (for logs and tests). */
export interface PayoutsTickResult {
  settledEvents: number;
  retriedPayouts: number;
  refunds: AnswerRefundsResult;
}

/**
 * One pass of the payout worker; safe to run at the same time in every web
 * instance (each step claims its rows in the database):
 * 1. settles shows past their settlement window (one transfer per host);
 * 2. pays accrued balances of hosts whose account can receive payouts;
 * 3. sends payouts left pending by a crash or a Stripe outage (same key);
 * 4. answers refunds made after settlement (reversal, debt or absorbed).
 */
export async function runPayoutsTick(deps: PayoutDeps): Promise<PayoutsTickResult> {
  const settled = await settleDueEvents(deps);
  const accounts = await deps.db.connectedAccount.findMany({ where: { payoutsEnabled: true }, select: { userId: true } });
  for (const a of accounts) await payAccrued(deps, a.userId);
  const pending = await deps.db.payout.findMany({ where: { status: "pending" }, select: { id: true } });
  for (const p of pending) await sendPayout(deps, p.id);
  const refunds = await answerRefunds(deps);
  return { settledEvents: settled.length, retriedPayouts: pending.length, refunds };
}
