import { AppError, ROLES, parseInput, requireRole, type Actor } from "@limelight/domain";
import { validateChargeAmount } from "@limelight/domain/commerce/pricing";
import { holdExpiresAt } from "@limelight/domain/commerce/seat-hold";
import { tipInputSchema, validateTipAmount } from "@limelight/domain/commerce/tip";
import { type CommerceDeps, nowOf } from "./deps";
import { returnUrls } from "./return-urls";
import { type TipCheckoutStarted } from "./types";

/** Input of startTipCheckout. */
export interface StartTipCheckoutInput {
  /** The signed-in viewer; must hold a valid ticket for the event. */
  actor: Actor | null;
  eventId: string;
  /** Tip in cents, at least TIP_MIN_CENTS. */
  amountCents: number;
  /** Optional message shown with the tip (≤ 140 characters). */
  message?: string;
  /** App-relative return paths; defaults to the watch page `/watch/<eventId>?tip=success|cancelled`. */
  successPath?: string;
  cancelPath?: string;
}

/**
 * Starts a tip: a ticket holder tips a LIVE show any amount ≥ the minimum.
 * Creates a "pending" Tip row, then a Checkout Session (idempotency key
 * `tip_<tipId>`, metadata kind "tip"). The webhook confirms it.
 *
 * Contract with the media service: a tip is published once its Tip row has
 * `status = "confirmed"` and `confirmedAt` set (never before payment). The
 * media service polls `Tip` rows by `(eventId, status = "confirmed",
 * confirmedAt > last seen)` (index `Tip_eventId_status_confirmedAt_idx`) and
 * shows amountCents, currency, message and the tipper's name on the show.
 *
 * Throws: UNAUTHENTICATED, VALIDATION_FAILED (amount below minimum, message
 * too long), NOT_FOUND, EVENT_NOT_LIVE, FORBIDDEN (no valid ticket),
 * PROVIDER_UNAVAILABLE (the pending tip is removed).
 */
export async function startTipCheckout(deps: CommerceDeps, input: StartTipCheckoutInput): Promise<TipCheckoutStarted> {
  const actor = requireRole(input.actor, ROLES);
  const data = parseInput(tipInputSchema, { eventId: input.eventId, amountCents: input.amountCents, message: input.message });
  const event = await deps.db.event.findUnique({ where: { id: data.eventId } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  if (event.status !== "live") throw new AppError("EVENT_NOT_LIVE", "You can tip only during the live show");
  const ticket = await deps.db.ticket.findFirst({ where: { eventId: event.id, userId: actor.userId, status: "valid" } });
  if (!ticket) throw new AppError("FORBIDDEN", "Only ticket holders can tip this show");
  validateTipAmount(data.amountCents, deps.tipMinCents, event.currency);
  const currency = validateChargeAmount(data.amountCents, event.currency);
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  const { successUrl, cancelUrl } = returnUrls(
    deps.appUrl,
    input.successPath ?? `/watch/${event.id}?tip=success&session_id={CHECKOUT_SESSION_ID}`,
    input.cancelPath ?? `/watch/${event.id}?tip=cancelled`,
  );
  const expiresAt = holdExpiresAt(nowOf(deps));
  const tip = await deps.db.tip.create({
    data: { eventId: event.id, userId: user.id, amountCents: data.amountCents, currency, message: data.message ?? null, status: "pending" },
  });
  let session;
  try {
    session = await deps.provider.createCheckoutSession({
      kind: "tip",
      amountCents: data.amountCents,
      currency,
      productName: `Tip: ${event.title}`,
      clientReferenceId: user.id,
      customerEmail: user.email,
      metadata: { kind: "tip", tipId: tip.id, eventId: event.id, userId: user.id },
      successUrl,
      cancelUrl,
      expiresAt,
      idempotencyKey: `tip_${tip.id}`,
    });
  } catch (error) {
    await deps.db.tip.deleteMany({ where: { id: tip.id, status: "pending" } });
    throw error;
  }
  await deps.db.tip.update({ where: { id: tip.id }, data: { checkoutSessionId: session.id } });
  if (!session.url) throw new AppError("PROVIDER_UNAVAILABLE", "The payment page is not available");
  return { checkoutUrl: session.url, sessionId: session.id, tipId: tip.id, testMode: deps.provider.testMode, expiresAt: expiresAt.toISOString() };
}
