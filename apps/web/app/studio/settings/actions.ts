"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/server/actions";
import { currentActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { payouts } from "@/server/payouts";
import { startOnboarding } from "@/server/payouts/connect-account";

/** "Connect with Stripe": creates the performer's Express account once and sends them to Stripe's onboarding. */
export async function connectStripeAction(_state: ActionState): Promise<ActionState> {
  let url = "";
  const result = await runAction(async () => {
    const deps = payouts();
    const actor = await currentActor();
    const user = actor ? await db().user.findUnique({ where: { id: actor.userId }, select: { email: true } }) : null;
    url = (await startOnboarding(deps, { actor, email: user?.email ?? "" })).url;
  });
  if (result.error || !url) return result;
  redirect(url);
}
