import { z } from "zod";
import { AppError, ROLES, parseInput, requireRole, type Actor } from "@limelight/domain";
import { validateChargeAmount } from "@limelight/domain/commerce/pricing";
import { holdExpiresAt, isSelling } from "@limelight/domain/commerce/seat-hold";
import { cuidSchema } from "@limelight/domain/validation/ids";
import { type CheckoutContext, loadCheckoutContext } from "./checkout-context";
import { type CommerceDeps, logOf, nowOf } from "./deps";
import { fulfilRetrievedSession } from "./fulfil-checkout-session";
import { holdSeat, isUniqueViolation, OpenHoldExistsError, releaseHoldInTx, TX_OPTIONS } from "./seats";
import { returnUrls } from "./return-urls";
import { sweepExpiredHolds } from "./sweep-expired-holds";
import { type CheckoutStarted } from "./types";

/** Input of startTicketCheckout. */
export interface StartTicketCheckoutInput {
  /** The signed-in buyer (any role); null → UNAUTHENTICATED. */
  actor: Actor | null;
  eventId: string;
  /** Must be true when the event has a content warning. */
  acknowledgedContentWarning?: boolean;
  /** App-relative return path after payment; may contain {CHECKOUT_SESSION_ID}. Default `/events/<slug>?checkout=success&session_id={CHECKOUT_SESSION_ID}`. */
  successPath?: string;
  /** App-relative path when the buyer cancels. Default `/events/<slug>?checkout=cancelled`. */
  cancelPath?: string;
}

const schema = z.object({
  eventId: cuidSchema,
  acknowledgedContentWarning: z.boolean().default(false),
  successPath: z.string().optional(),
  cancelPath: z.string().optional(),
});

/**
 * Starts buying a ticket: holds one seat (conditional update, committed
 * BEFORE any provider call), then creates a Checkout Session that expires
 * with the hold (30 min + margin), idempotency key `hold_<holdId>`.
 * The ticket itself is granted only by the signed webhook.
 * When no seat is left, holds of this event past their expiry are swept
 * first (their sessions expired at the provider) and the hold is retried once.
 * If the buyer already has an open, unexpired checkout for this event, that
 * session is returned again instead of holding a second seat; the database
 * enforces one open hold per buyer and event (a unique partial index), so
 * parallel requests of one buyer hold one seat and all get its session.
 * Throws: UNAUTHENTICATED, VALIDATION_FAILED (bad input, content warning not
 * acknowledged, price below the provider minimum), NOT_FOUND (event),
 * EVENT_NOT_ON_SALE, ALREADY_HAS_TICKET, SOLD_OUT, PROVIDER_UNAVAILABLE
 * (the hold is released again).
 * `loaded.context`: the event and buyer when the caller has just read them
 * for this event and actor (getTicket), so they are not read twice; the seat
 * counts are only a hint either way (the hold is a conditional update).
 */
export async function startTicketCheckout(deps: CommerceDeps, input: StartTicketCheckoutInput, loaded: { context?: CheckoutContext } = {}): Promise<CheckoutStarted> {
  const actor = requireRole(input.actor, ROLES);
  const data = parseInput(schema, { ...input, actor: undefined });
  const { db, provider } = deps;
  // One round trip for what every request needs (the buyer's open hold is found by the database's unique index below).
  const context = loaded.context ?? (await loadCheckoutContext(db, data.eventId, actor.userId));
  const { event, buyer: user } = context;
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  if (!isSelling(event.status)) throw new AppError("EVENT_NOT_ON_SALE", "Tickets for this event are not on sale");
  if (event.contentWarning && !data.acknowledgedContentWarning) {
    throw new AppError("VALIDATION_FAILED", "Please acknowledge the content warning before buying", {
      details: [{ path: "acknowledgedContentWarning", message: event.contentWarning }],
    });
  }
  const currency = validateChargeAmount(event.priceCents, event.currency);
  const now = nowOf(deps);
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (user.hasValidTicket) throw new AppError("ALREADY_HAS_TICKET", "You already have a ticket for this event");

  const { successUrl, cancelUrl } = returnUrls(
    deps.appUrl,
    data.successPath ?? `/events/${event.slug}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    data.cancelPath ?? `/events/${event.slug}?checkout=cancelled`,
  );
  const expiresAt = holdExpiresAt(now);
  // The conditional update in holdSeat is what guarantees no oversell; the
  // seatsTaken read only skips it when the event is already full.
  // One open hold per buyer and event, enforced by the database (PostgreSQL: the unique partial index
  // "SeatHold_one_open_per_buyer_event"; SQLite: checked under its write lock): a parallel request of the same
  // buyer loses (OPEN_HOLD_EXISTS) and resumes the winner's checkout.
  const tryHold = async (): Promise<{ id: string } | null | typeof OPEN_HOLD_EXISTS> => {
    try {
      return await holdSeat(db, { eventId: event.id, userId: user.id, expiresAt, now });
    } catch (error) {
      if (isUniqueViolation(error) || error instanceof OpenHoldExistsError) return OPEN_HOLD_EXISTS;
      throw error;
    }
  };
  // A full event: the buyer may still hold one of its seats (their open checkout is resumed below).
  let hold = event.seatsTaken < event.capacity ? await tryHold() : user.hasOpenHold ? OPEN_HOLD_EXISTS : null;
  if (!hold && (await sweepExpiredHolds(deps, now, { eventId: event.id })).released > 0) {
    // Seats held by abandoned checkouts went back on sale: try once more.
    hold = await tryHold();
  }
  for (let round = 0; hold === OPEN_HOLD_EXISTS; round += 1) {
    const winner = await db.seatHold.findFirst({ where: { eventId: event.id, userId: user.id, status: "open" } });
    const resumed = winner ? await resumeOpenCheckout(deps, winner) : null;
    if (resumed) return resumed;
    // That hold ended meanwhile (its session expired or could not be created): hold afresh, once.
    if (round > 0) throw new AppError("CONFLICT", "Your checkout is being prepared; try again in a moment");
    hold = await tryHold();
  }
  if (!hold) throw new AppError("SOLD_OUT", "Sorry, this event is sold out");

  let session;
  try {
    session = await provider.createCheckoutSession({
      kind: "ticket",
      amountCents: event.priceCents,
      currency,
      productName: `Ticket: ${event.title}`,
      clientReferenceId: user.id,
      customerEmail: user.email,
      metadata: { kind: "ticket", holdId: hold.id, eventId: event.id, userId: user.id },
      successUrl,
      cancelUrl,
      expiresAt,
      idempotencyKey: `hold_${hold.id}`,
    });
  } catch (error) {
    await db.$transaction((tx) => releaseHoldInTx(tx, hold.id), TX_OPTIONS);
    logOf(deps, "checkout session creation failed; hold released", { holdId: hold.id });
    throw error;
  }
  await db.seatHold.update({ where: { id: hold.id }, data: { checkoutSessionId: session.id } });
  if (!session.url) throw new AppError("PROVIDER_UNAVAILABLE", "The payment page is not available");
  return { checkoutUrl: session.url, sessionId: session.id, testMode: provider.testMode, expiresAt: expiresAt.toISOString() };
}

/**
 * The buyer's unexpired hold: its session again if still open; null when
 * that session already expired (the hold is released here, so a new one can
 * be made). A session already paid is fulfilled now (ALREADY_HAS_TICKET).
 */
async function resumeOpenCheckout(
  deps: CommerceDeps,
  found: { id: string; eventId: string; checkoutSessionId: string | null; expiresAt: Date; createdAt: Date },
): Promise<CheckoutStarted | null> {
  if (found.expiresAt.getTime() <= nowOf(deps).getTime()) {
    // Past its expiry but not swept yet: expire its session (or fulfil it, if paid) and release it now.
    await sweepExpiredHolds(deps, nowOf(deps), { eventId: found.eventId });
    return null;
  }
  const hold = found.checkoutSessionId ? found : await waitForSession(deps, found);
  if (!hold) return null;
  if (!hold.checkoutSessionId) throw new AppError("CONFLICT", "Your checkout is being prepared; try again in a moment");
  const session = await deps.provider.retrieveCheckoutSession(hold.checkoutSessionId);
  if (session.status === "open" && session.url) {
    return { checkoutUrl: session.url, sessionId: session.id, testMode: deps.provider.testMode, expiresAt: hold.expiresAt.toISOString() };
  }
  if (session.status === "expired") {
    await deps.db.$transaction((tx) => releaseHoldInTx(tx, hold.id), TX_OPTIONS);
    return null;
  }
  const outcome = await fulfilRetrievedSession(deps, session);
  if (outcome === "granted" || outcome === "already") throw new AppError("ALREADY_HAS_TICKET", "You already have a ticket for this event");
  throw new AppError("CONFLICT", "Your previous checkout for this event is still being processed");
}

/** Marker: the buyer already has an open hold for this event (the database refused a second one). */
const OPEN_HOLD_EXISTS = Symbol("open hold exists");

/** How long a parallel request waits for the winning request's Checkout Session (ms). */
const SESSION_WAIT_MS = 10_000;
/** A hold still without a session after this long (ms) was left by a crashed request: it is released. */
const ORPHAN_HOLD_MS = 60_000;

/**
 * Waits (polling every 25 ms, at most SESSION_WAIT_MS) until a hold made by
 * a parallel request of the same buyer has its Checkout Session id. Returns
 * the hold with its session, or null when the hold is gone (released: its
 * session could not be created) or was orphaned by a crash (released here,
 * so the buyer can start again); the hold unchanged if the wait timed out.
 */
async function waitForSession(
  deps: CommerceDeps,
  hold: { id: string; checkoutSessionId: string | null; expiresAt: Date; createdAt: Date },
): Promise<{ id: string; checkoutSessionId: string | null; expiresAt: Date } | null> {
  if (nowOf(deps).getTime() - hold.createdAt.getTime() > ORPHAN_HOLD_MS) {
    await deps.db.$transaction((tx) => releaseHoldInTx(tx, hold.id), TX_OPTIONS);
    return null;
  }
  const deadline = Date.now() + SESSION_WAIT_MS;
  for (;;) {
    const current = await deps.db.seatHold.findUnique({ where: { id: hold.id }, select: { id: true, checkoutSessionId: true, expiresAt: true, status: true } });
    if (!current || current.status !== "open") return null;
    if (current.checkoutSessionId || Date.now() >= deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
