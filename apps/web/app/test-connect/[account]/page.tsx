import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { TestModeBadge } from "@/components/status-badge";
import { requirePageActor } from "@/server/auth/session";
import { payoutsTestMode } from "@/server/payouts";
import { finishTestOnboardingAction } from "./actions";

/** Rendered per request. */
export const dynamic = "force-dynamic";

/**
 * Test mode's stand-in for Stripe's hosted onboarding (no STRIPE_SECRET_KEY):
 * says so, and "Finish onboarding" enables the performer's simulated account.
 * 404 when Stripe keys are configured.
 */
export default async function TestConnectPage({ params }: { params: Promise<{ account: string }> }) {
  if (!payoutsTestMode()) notFound();
  await requirePageActor(["performer"], "/studio/settings");
  const { account } = await params;
  return (
    <main>
      <TestModeBadge />
      <h1>Stripe onboarding (test mode)</h1>
      <p>This server has no Stripe keys: no bank details are asked and no money will move. Transfers are recorded as if they were made.</p>
      <ActionForm action={finishTestOnboardingAction} submitLabel="Finish onboarding" pendingLabel="Finishing…" ariaLabel="Finish onboarding">
        <input type="hidden" name="accountId" value={account} />
      </ActionForm>
    </main>
  );
}
