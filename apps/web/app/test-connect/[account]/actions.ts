"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/server/actions";
import { currentActor } from "@/server/auth/session";
import { payouts } from "@/server/payouts";
import { finishTestOnboarding } from "@/server/payouts/connect-account";

/** Test mode: "Finish onboarding" on the simulated Stripe onboarding page, then back to the settings page. */
export async function finishTestOnboardingAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const result = await runAction(async () => {
    const accountId = formData.get("accountId");
    await finishTestOnboarding(payouts(), { actor: await currentActor(), accountId: typeof accountId === "string" ? accountId : "" });
  });
  if (result.error) return result;
  redirect("/studio/settings?connect=return");
}
