import { z } from "zod";
import { AppError, ROLES, parseInput, requireRole, type Actor } from "@limelight/domain";
import { type CommerceDeps } from "./deps";
import { fulfilCheckoutSession } from "./fulfil-checkout-session";
import { type CheckoutStatus } from "./types";
import { opaqueIdSchema } from "@limelight/domain/validation/ids";

/** Input of checkoutStatus. */
export interface CheckoutStatusInput {
  /** The buyer (or an admin). */
  actor: Actor | null;
  /** The `session_id` the Checkout return URL carries. */
  sessionId: string;
}

const schema = z.object({ sessionId: opaqueIdSchema });

/**
 * What happened to a purchase, for the page the buyer returns to. When our
 * records still say "pending", the session is re-read from the provider and
 * fulfilled if it is paid (the same idempotent fulfilment as the webhook, as
 * Stripe's fulfilment guide recommends for the landing page), so a slow
 * webhook does not leave the buyer waiting.
 * Throws: UNAUTHENTICATED, NOT_FOUND (unknown session or someone else's).
 */
export async function checkoutStatus(deps: CommerceDeps, input: CheckoutStatusInput): Promise<CheckoutStatus> {
  const actor = requireRole(input.actor, ROLES);
  const { sessionId } = parseInput(schema, { sessionId: input.sessionId });
  let status = await readStatus(deps, sessionId);
  if (!status || (status.ownerId !== actor.userId && actor.role !== "admin")) throw new AppError("NOT_FOUND", "Checkout not found");
  if (status.result.state === "pending") {
    await fulfilCheckoutSession(deps, sessionId);
    status = (await readStatus(deps, sessionId)) ?? status;
  }
  return status.result;
}

async function readStatus(deps: CommerceDeps, sessionId: string): Promise<{ ownerId: string; result: CheckoutStatus } | null> {
  const testMode = deps.provider.testMode;
  const hold = await deps.db.seatHold.findUnique({ where: { checkoutSessionId: sessionId } });
  if (hold) {
    const ticket = await deps.db.ticket.findUnique({ where: { checkoutSessionId: sessionId } });
    const state = ticket ? (ticket.status === "valid" ? "granted" : "refunded") : hold.status === "released" ? "expired" : "pending";
    return { ownerId: hold.userId, result: { sessionId, kind: "ticket", state, eventId: hold.eventId, ticketId: ticket?.id ?? null, tipId: null, testMode } };
  }
  const tip = await deps.db.tip.findUnique({ where: { checkoutSessionId: sessionId } });
  if (tip) {
    const state = tip.status === "confirmed" ? "granted" : tip.status === "refunded" ? "refunded" : "pending";
    return { ownerId: tip.userId, result: { sessionId, kind: "tip", state, eventId: tip.eventId, ticketId: null, tipId: tip.id, testMode } };
  }
  return null;
}
