"use server";

import { revalidatePath } from "next/cache";
import { formFields, runAction, type ActionState } from "@/server/actions";
import { currentActor } from "@/server/auth/session";
import { payouts } from "@/server/payouts";
import { settleEventEarly } from "@/server/payouts/settle-event";

/** "Settle now": settles an ended show before its window and pays its hosts (admins only). */
export async function settleNowAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const result = await settleEventEarly(payouts(), { actor: await currentActor(), eventId: formFields(formData).eventId ?? "" });
    revalidatePath("/admin/payouts");
    const sent = result.payouts.filter((p) => p.outcome === "sent").length;
    return `${result.settledNow ? "Settled" : "Already settled"}: ${sent} transfer${sent === 1 ? "" : "s"} sent`;
  });
}
