"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { parseInput } from "@limelight/domain";
import { cuidSchema, slugSchema } from "@limelight/domain/validation/ids";
import { formFields, runAction, type ActionState } from "@/server/actions";
import { currentActor, signInUrl } from "@/server/auth/session";
import { commerce } from "@/server/commerce";

const buySchema = z.object({
  eventId: cuidSchema,
  slug: slugSchema,
  acknowledge: z.literal("on").optional(),
});

/**
 * Buy button: holds a seat and starts a Checkout Session (commerce
 * getTicket → startTicketCheckout), then redirects the browser to the checkout
 * page (Stripe, or /test-checkout in test mode). After paying, the buyer lands
 * on My tickets. A free show's ticket is granted at once (no checkout) and the
 * viewer goes straight to My tickets. Signed-out visitors go to sign in first. Errors (sold out,
 * content warning not acknowledged, already has a ticket) are shown on the form.
 */
export async function buyTicketAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  let checkoutUrl = "";
  const result = await runAction(async () => {
    const input = parseInput(buySchema, fields);
    const actor = await currentActor();
    if (!actor) redirect(signInUrl(`/events/${input.slug}`));
    const started = await commerce().getTicket({
      actor,
      eventId: input.eventId,
      acknowledgedContentWarning: input.acknowledge === "on",
      successPath: "/me/tickets?checkout=success&session_id={CHECKOUT_SESSION_ID}",
      cancelPath: `/events/${input.slug}?checkout=cancelled`,
    });
    checkoutUrl = started.redirectUrl;
  });
  if (result.error || !checkoutUrl) return result;
  redirect(checkoutUrl);
}
