import { type CommerceDeps, logOf } from "./deps";
import { fulfilRetrievedSession, type FulfilmentResult } from "./fulfil-checkout-session";

/** What expireStaleSession found: the provider could not be asked ("retry"), the session was paid (and fulfilled now), or it is expired unpaid. */
export type StaleSessionOutcome = { kind: "retry" } | { kind: "paid"; fulfilment: FulfilmentResult } | { kind: "unpaid" };

/**
 * The sweeps' step for a Checkout Session past its `expires_at` (seat holds
 * and tips): expires it at the provider so it can no longer be paid; a
 * session that turns out paid is fulfilled instead (ticket or tip). A failed
 * provider call is logged with `context` and reported as "retry" (the buyer
 * may still be paying: the next sweep tries again). Never throws for the
 * provider call; fulfilment errors propagate.
 */
export async function expireStaleSession(deps: CommerceDeps, sessionId: string, context: Record<string, unknown>): Promise<StaleSessionOutcome> {
  let session;
  try {
    session = await deps.provider.expireCheckoutSession(sessionId);
  } catch (error) {
    logOf(deps, "could not expire checkout session; will retry", { ...context, sessionId, error: String(error) });
    return { kind: "retry" };
  }
  if (session.status === "complete") return { kind: "paid", fulfilment: await fulfilRetrievedSession(deps, session) };
  return { kind: "unpaid" };
}
