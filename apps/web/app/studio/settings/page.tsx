import { ActionForm } from "@/components/action-form";
import { PayoutStatementView } from "@/components/payout-statement";
import { requirePageActor } from "@/server/auth/session";
import { logger } from "@/server/logger";
import { TestModeBadge } from "@/components/status-badge";
import { payouts, payoutsTestMode } from "@/server/payouts";
import { payoutAccountOf, refreshConnectedAccount } from "@/server/payouts/connect-account";
import { hostPayoutStatement } from "@/server/payouts/payout-statement";
import { connectStripeAction } from "./actions";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

const NOTICES: Record<string, string> = {
  failed: "Stripe could not be reached. Please try again in a moment.",
};

/**
 * Performer settings: Stripe Connect onboarding (Express account) and the
 * payout statement. On return from Stripe (`?connect=return`) the account is
 * re-read at once, so the status is current even before the webhook.
 */
export default async function StudioSettingsPage({ searchParams }: { searchParams: Promise<{ connect?: string }> }) {
  const actor = await requirePageActor(["performer"], "/studio/settings");
  const { connect } = await searchParams;
  const deps = payouts();
  if (connect === "return") {
    const row = await deps.db.connectedAccount.findUnique({ where: { userId: actor.userId } });
    if (row) await refreshConnectedAccount(deps, row.stripeAccountId).catch((err: unknown) => logger().warn({ err }, "account refresh failed"));
  }
  const account = await payoutAccountOf(deps, actor.userId);
  const statement = await hostPayoutStatement(deps, { actor, hostUserId: actor.userId });
  const notice = connect ? NOTICES[connect] : undefined;
  return (
    <main>
      <h1>Studio settings</h1>
      <section className="panel" aria-labelledby="payouts-heading">
        <h2 id="payouts-heading">Payouts</h2>
        {notice ? <p role="alert">{notice}</p> : null}
        {payoutsTestMode() ? <TestModeBadge /> : null}
        <p data-testid="payout-account-status">
          {!account.connected
            ? "Not connected: your share of each show accrues until you connect a Stripe account."
            : account.payoutsEnabled
              ? "Connected: Stripe pays out to your bank account."
              : "Onboarding not finished: Stripe needs more details before it can pay you."}
        </p>
        {account.connected ? (
          <ul className="muted">
            <li>Charges enabled: {account.chargesEnabled ? "yes" : "no"}</li>
            <li>Payouts enabled: {account.payoutsEnabled ? "yes" : "no"}</li>
            {account.requirementsDue.length > 0 ? <li>Stripe still needs: {account.requirementsDue.join(", ")}</li> : null}
          </ul>
        ) : null}
        {!account.payoutsEnabled ? (
          <ActionForm action={connectStripeAction} submitLabel={account.connected ? "Continue Stripe onboarding" : "Connect with Stripe"} pendingLabel="Opening Stripe…" ariaLabel="Connect with Stripe" />
        ) : null}
      </section>
      <section className="panel" aria-labelledby="movements-heading">
        <h2 id="movements-heading">Your payouts</h2>
        <p className="muted">Each show is paid after its settlement window; refunds made after a transfer are reversed from it, or deducted from your next transfer.</p>
        <PayoutStatementView statement={statement} />
      </section>
    </main>
  );
}
