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
import { cuidSchema } from "@limelight/domain/validation/ids";
import type { TipActionState } from "@/components/media/TipForm";
import { currentActor } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { parseTipAmountCents } from "./tip-amount";

/**
 * Starts a tip for `eventId` (bound by the page); redirects to Checkout on
 * success. A server action is a public endpoint: arguments of the wrong shape
 * (a hand-made request) get `{error}`, never a crash.
 */
export async function startTip(eventId: unknown, _state: TipActionState, form: unknown): Promise<TipActionState> {
  if (!cuidSchema.safeParse(eventId).success || !(form instanceof FormData)) return { error: "This form is out of date; reload the page." };
  const amountCents = parseTipAmountCents(form.get("amount"));
  if (amountCents === null || amountCents <= 0) return { error: "Enter an amount like 5.00." };
  const message = form.get("message");
  let checkoutUrl: string;
  try {
    const started = await commerce().startTipCheckout({
      actor: await currentActor(),
      eventId: eventId as string,
      amountCents,
      message: typeof message === "string" && message.trim() ? message.trim() : undefined,
      successPath: `/watch/${encodeURIComponent(eventId as string)}?tip=success`,
      cancelPath: `/watch/${encodeURIComponent(eventId as string)}?tip=cancelled`,
    });
    checkoutUrl = started.checkoutUrl;
  } catch (error) {
    if (isAppError(error)) return { error: toErrorBody(error).error.message };
    throw error;
  }
  redirect(checkoutUrl);
}
