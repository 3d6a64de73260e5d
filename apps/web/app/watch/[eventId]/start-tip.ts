"use server";
/**
 * Server action behind the watch page's tip form: parses the amount (a
 * decimal in the show's currency units, e.g. "5.00" → 500 cents) and message,
 * starts a tip Checkout Session through commerce, and redirects the browser to
 * it. Returns `{error}` (shown under the form) for bad input, a show that is
 * not live, no ticket, or an unavailable payment provider.
 */
import { redirect } from "next/navigation";
import { isAppError, toErrorBody } from "@limelight/domain";
import type { TipActionState } from "@/components/media/TipForm";
import { currentActor } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { parseTipAmountCents } from "./tip-amount";

/** Starts a tip for `eventId` (bound by the page); redirects to Checkout on success. */
export async function startTip(eventId: string, _state: TipActionState, form: FormData): Promise<TipActionState> {
  const amountCents = parseTipAmountCents(form.get("amount"));
  if (amountCents === null || amountCents <= 0) return { error: "Enter an amount like 5.00." };
  const message = form.get("message");
  let checkoutUrl: string;
  try {
    const started = await commerce().startTipCheckout({
      actor: await currentActor(),
      eventId,
      amountCents,
      message: typeof message === "string" && message.trim() ? message.trim() : undefined,
      successPath: `/watch/${encodeURIComponent(eventId)}?tip=success`,
      cancelPath: `/watch/${encodeURIComponent(eventId)}?tip=cancelled`,
    });
    checkoutUrl = started.checkoutUrl;
  } catch (error) {
    if (isAppError(error)) return { error: toErrorBody(error).error.message };
    throw error;
  }
  redirect(checkoutUrl);
}
