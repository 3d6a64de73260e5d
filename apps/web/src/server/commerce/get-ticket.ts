import { z } from "zod";
import { AppError, parseInput, ROLES, requireRole } from "@limelight/domain";
import { cuidSchema } from "@limelight/domain/validation/ids";
import { loadCheckoutContext } from "./checkout-context";
import { claimFreeTicket } from "./claim-free-ticket";
import { type CommerceDeps } from "./deps";
import { startTicketCheckout, type StartTicketCheckoutInput } from "./start-ticket-checkout";
import { returnUrls } from "./return-urls";
import { type TicketObtained } from "./types";

const idSchema = z.object({ eventId: cuidSchema });

/** Input of getTicket: startTicketCheckout's, plus where a free ticket sends the viewer. */
export interface GetTicketInput extends StartTicketCheckoutInput {
  /** App-relative path after a free ticket is granted. Default `/me/tickets?claimed=1`. */
  freeTicketPath?: string;
}

/**
 * The event page's one button: a free show (price 0) grants the ticket at once
 * (claimFreeTicket) and sends the viewer to `freeTicketPath`; a paid show
 * starts a Checkout Session (startTicketCheckout) and sends the buyer to the
 * payment page. `input.actor` may be the session's own, not re-read (any
 * role may buy): an account that no longer exists is UNAUTHENTICATED.
 * Throws what those use cases throw (UNAUTHENTICATED, NOT_FOUND, ...).
 */
export async function getTicket(deps: CommerceDeps, input: GetTicketInput): Promise<TicketObtained> {
  const actor = requireRole(input.actor, ROLES);
  const { eventId } = parseInput(idSchema, { eventId: input.eventId });
  // Event and buyer in one round trip; a paid show's checkout reuses them (an on-sale rush makes many of these).
  const context = await loadCheckoutContext(deps.db, eventId, actor.userId);
  const { event } = context;
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  // The actor may come straight from the session cookie (sessionActor): the account must still exist.
  if (!context.buyer) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (event.priceCents === 0) {
    const { ticketId } = await claimFreeTicket(deps, input);
    const { successUrl } = returnUrls(deps.appUrl, input.freeTicketPath ?? "/me/tickets?claimed=1", "/");
    return { kind: "free", ticketId, redirectUrl: successUrl };
  }
  const started = await startTicketCheckout(deps, input, { context });
  return { kind: "checkout", ...started, redirectUrl: started.checkoutUrl };
}
