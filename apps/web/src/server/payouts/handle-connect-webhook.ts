import { isAppError } from "@limelight/domain";
import { type VerifiedWebhookEvent } from "../commerce/verify-webhook";
import { refreshConnectedAccount } from "./connect-account";
import { type PayoutDeps } from "./deps";
import { markPayoutSent } from "./send-payout";

/** Connect webhook event types handled here (the rest go to commerce). Source: https://docs.stripe.com/api/events/types */
export const CONNECT_WEBHOOK_TYPES = ["account.updated", "transfer.created", "transfer.updated", "transfer.reversed"] as const;

/** True for an event this module handles. */
export function isConnectEvent(type: string): boolean {
  return (CONNECT_WEBHOOK_TYPES as readonly string[]).includes(type);
}

/** The 200 body of a Connect webhook delivery. */
export interface ConnectWebhookOutcome {
  received: true;
  eventId: string;
  type: string;
  outcome: "processed" | "ignored";
}

/**
 * Handles a verified Connect event. The payload is only a trigger: the
 * account or transfer is re-read from Stripe, so replays and out-of-order
 * deliveries converge on Stripe's current state.
 * - account.updated → refreshConnectedAccount (charges/payouts enabled,
 *   requirements; pays an accrued balance once payouts become enabled);
 * - transfer.* → the payout named in metadata.payout_id becomes "sent" if a
 *   crash left it pending, and its reversedCents follows amount_reversed.
 * Throws AppError PROVIDER_UNAVAILABLE (503: Stripe retries the delivery).
 */
export async function handleConnectWebhook(deps: PayoutDeps, event: VerifiedWebhookEvent): Promise<ConnectWebhookOutcome> {
  const base = { received: true as const, eventId: event.id, type: event.type };
  if (event.type === "account.updated" && event.object.object === "account") {
    return { ...base, outcome: (await refreshConnectedAccount(deps, event.object.id)) ? "processed" : "ignored" };
  }
  if (event.type.startsWith("transfer.") && event.object.object === "transfer") {
    let transfer;
    try {
      transfer = await deps.connect.retrieveTransfer(event.object.id);
    } catch (error) {
      if (isAppError(error) && error.code === "NOT_FOUND") return { ...base, outcome: "ignored" }; // not a transfer of this platform
      throw error;
    }
    const payoutId = transfer.metadata.payout_id;
    if (!payoutId) return { ...base, outcome: "ignored" };
    const payout = await deps.db.payout.findUnique({ where: { id: payoutId } });
    if (!payout || payout.stripeAccountId !== transfer.destination) return { ...base, outcome: "ignored" };
    await markPayoutSent(deps, payout.id, transfer.id);
    if (transfer.amountReversedCents > payout.reversedCents) {
      await deps.db.payout.update({
        where: { id: payout.id },
        data: { reversedCents: transfer.amountReversedCents, ...(transfer.amountReversedCents >= payout.amountCents ? { status: "reversed" } : {}) },
      });
    }
    return { ...base, outcome: "processed" };
  }
  return { ...base, outcome: "ignored" };
}
