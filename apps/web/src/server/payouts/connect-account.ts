import { AppError, requireRole, type Actor } from "@limelight/domain";
import { isUniqueViolation } from "../commerce/seats";
import { type ConnectedAccountInfo } from "./connect-provider";
import { type PayoutDeps, logOf } from "./deps";
import { payHost } from "./pay-host";
import { sendPayout } from "./send-payout";

/** A performer's payout account as pages show it. */
export interface PayoutAccountView {
  connected: boolean;
  stripeAccountId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
}

/** Reads a user's connected account (not connected → all false). */
export async function payoutAccountOf(deps: PayoutDeps, userId: string): Promise<PayoutAccountView> {
  const row = await deps.db.connectedAccount.findUnique({ where: { userId } });
  if (!row) return { connected: false, stripeAccountId: null, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, requirementsDue: [] };
  return {
    connected: true,
    stripeAccountId: row.stripeAccountId,
    chargesEnabled: row.chargesEnabled,
    payoutsEnabled: row.payoutsEnabled,
    detailsSubmitted: row.detailsSubmitted,
    requirementsDue: JSON.parse(row.requirementsDue) as string[],
  };
}

/**
 * A performer starts (or resumes) Stripe onboarding: creates their Express
 * connected account once (idempotency key `connect_account_<userId>`; the
 * row is unique per user) and returns a fresh single-use Account Link URL
 * to redirect to. Return URL: /studio/settings?connect=return; refresh URL
 * (Stripe sends the performer there when the link expired):
 * /studio/settings/connect, which makes a new link.
 * Throws UNAUTHENTICATED, FORBIDDEN (not a performer), PROVIDER_UNAVAILABLE.
 * Source: https://docs.stripe.com/connect/express-accounts
 */
export async function startOnboarding(deps: PayoutDeps, input: { actor: Actor | null; email: string }): Promise<{ url: string }> {
  const actor = requireRole(input.actor, ["performer"]);
  let row = await deps.db.connectedAccount.findUnique({ where: { userId: actor.userId } });
  if (!row) {
    const account = await deps.connect.createExpressAccount({ email: input.email, userId: actor.userId, idempotencyKey: `connect_account_${actor.userId}` });
    try {
      row = await deps.db.connectedAccount.create({ data: { userId: actor.userId, stripeAccountId: account.id, ...accountColumns(account) } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      row = await deps.db.connectedAccount.findUniqueOrThrow({ where: { userId: actor.userId } });
    }
  }
  const url = await deps.connect.createOnboardingLink({
    accountId: row.stripeAccountId,
    returnUrl: `${deps.appUrl}/studio/settings?connect=return`,
    refreshUrl: `${deps.appUrl}/studio/settings/connect`,
  });
  return { url };
}

function accountColumns(a: ConnectedAccountInfo) {
  return { chargesEnabled: a.chargesEnabled, payoutsEnabled: a.payoutsEnabled, detailsSubmitted: a.detailsSubmitted, requirementsDue: JSON.stringify(a.requirementsDue) };
}

/**
 * Re-reads a connected account from Stripe and stores its state (so replayed
 * and out-of-order `account.updated` deliveries all end at Stripe's current
 * state). When payouts just became enabled, the host's accrued balance is
 * paid at once (transfer_group = their latest settled show).
 * Returns false for an account that is not one of ours. Throws PROVIDER_UNAVAILABLE.
 */
export async function refreshConnectedAccount(deps: PayoutDeps, stripeAccountId: string): Promise<boolean> {
  const row = await deps.db.connectedAccount.findUnique({ where: { stripeAccountId } });
  if (!row) return false;
  const account = await deps.connect.retrieveAccount(stripeAccountId);
  await deps.db.connectedAccount.update({ where: { stripeAccountId }, data: accountColumns(account) });
  if (account.payoutsEnabled && !row.payoutsEnabled) {
    logOf(deps, "connected account can receive payouts", { userId: row.userId, stripeAccountId });
    await payAccrued(deps, row.userId);
  }
  return true;
}

/** Pays a host's accrued balance (if any) with their latest settled show as transfer_group. */
export async function payAccrued(deps: PayoutDeps, hostUserId: string): Promise<void> {
  const lines = await deps.db.ledgerEntry.findMany({ where: { hostUserId }, distinct: ["eventId"], select: { eventId: true } });
  const latest = await deps.db.eventSettlement.findFirst({ where: { eventId: { in: lines.map((l) => l.eventId) } }, orderBy: { settledAt: "desc" } });
  if (!latest) return;
  const outcome = await payHost(deps, hostUserId, latest.eventId);
  if (outcome.kind === "created") await sendPayout(deps, outcome.payoutId);
}

/**
 * Test mode only: the performer finishes the simulated onboarding of their
 * own test account (`acct_test_...`): charges and payouts enabled, nothing
 * due, and any accrued balance paid at once (simulated transfer).
 * Throws UNAUTHENTICATED, FORBIDDEN (not their account), NOT_FOUND.
 */
export async function finishTestOnboarding(deps: PayoutDeps, input: { actor: Actor | null; accountId: string }): Promise<void> {
  const actor = requireRole(input.actor, ["performer"]);
  const row = await deps.db.connectedAccount.findUnique({ where: { stripeAccountId: input.accountId } });
  if (!row || !row.stripeAccountId.startsWith("acct_test_")) throw new AppError("NOT_FOUND", "No such test account");
  if (row.userId !== actor.userId) throw new AppError("FORBIDDEN", "This is not your account");
  await deps.db.connectedAccount.update({ where: { stripeAccountId: input.accountId }, data: { chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: "[]" } });
  if (!row.payoutsEnabled) await payAccrued(deps, row.userId);
}
