import { type CommerceDeps, logOf, nowOf } from "./deps";
import { type CheckoutSessionInfo } from "./payment-provider";
import { recordSaleSplit } from "./ledger";
import { sendTicketReceipt } from "../mail/ticket-receipt";
import { dialectOf, isUniqueViolation, lockBuyerOfEvent, lockEventStatus, releaseHoldInTx, takeSeat, TX_OPTIONS } from "./seats";

/**
 * What fulfilment did: granted (ticket created / tip confirmed now),
 * already (done before: idempotent on the Checkout Session id), pending (not
 * paid yet), refunded (paid but no seat left, a duplicate purchase, a
 * cancelled event, or no hold/event/buyer we know: the payment was refunded
 * automatically and, when the event and buyer exist, recorded as a refunded Ticket row),
 * ignored (not one of our sessions).
 */
export type FulfilmentResult = "granted" | "already" | "pending" | "refunded" | "ignored";

/**
 * Fulfils one Checkout Session after re-reading it from the provider (the
 * webhook is only a trigger). Paid ticket sessions become exactly one Ticket
 * (converting the seat hold, or taking a fresh seat when the hold had
 * expired); paid tip sessions confirm their Tip. Each sale is split across
 * the event's hosts in LedgerEntry rows. A newly granted ticket's receipt is
 * mailed after the commit (deps.mailer; mail failures are only logged). Safe to call any number of times,
 * concurrently, in any order. Provider calls happen outside transactions.
 * Throws PROVIDER_UNAVAILABLE when the session cannot be read or a needed
 * refund cannot be made (the webhook then answers 5xx and is retried).
 */
export async function fulfilCheckoutSession(deps: CommerceDeps, sessionId: string): Promise<FulfilmentResult> {
  const session = await deps.provider.retrieveCheckoutSession(sessionId);
  return fulfilRetrievedSession(deps, session);
}

/** fulfilCheckoutSession for a session already re-read from the provider. */
export async function fulfilRetrievedSession(deps: CommerceDeps, session: CheckoutSessionInfo): Promise<FulfilmentResult> {
  if (session.status !== "complete" || session.paymentStatus === "unpaid") return "pending";
  if (session.metadata.kind === "ticket") return fulfilTicket(deps, session);
  if (session.metadata.kind === "tip") return confirmTip(deps, session);
  return "ignored";
}

type TicketDecision = { kind: "granted"; ticketId: string } | { kind: "already" } | { kind: "refund"; reason: "sold_out" | "duplicate" | "event_cancelled" };

async function fulfilTicket(deps: CommerceDeps, session: CheckoutSessionInfo): Promise<FulfilmentResult> {
  const { db } = deps;
  const holdId = session.metadata.holdId;
  const found = holdId ? await db.seatHold.findUnique({ where: { id: holdId } }) : null;
  // A paid session whose hold cannot be found (lost, or made by another deployment's data): never ignored. With a
  // known event and buyer it takes a free seat like a late payment; otherwise the payment is refunded.
  const hold: { id: string | null; eventId: string; userId: string } | null = found ?? (await buyerOfHoldlessSession(deps, session));
  if (!hold) {
    logOf(deps, "paid checkout session without a seat hold, event or buyer; refunding", { sessionId: session.id });
    await refundPayment(deps, session);
    return "refunded";
  }
  if (!found) logOf(deps, "paid checkout session without a known seat hold; taking a free seat if any", { sessionId: session.id });
  const event = await db.event.findUniqueOrThrow({ where: { id: hold.eventId } });
  const amountCents = session.amountTotal ?? event.priceCents;
  const currency = session.currency ?? event.currency;
  const dialect = dialectOf(db);
  let decision: TicketDecision;
  try {
    decision = await db.$transaction(async (tx): Promise<TicketDecision> => {
      // Lock the hold row first: concurrent deliveries of this session queue
      // here, and (READ COMMITTED) each later statement sees the winner's commit.
      if (hold.id) await tx.seatHold.updateMany({ where: { id: hold.id }, data: { checkoutSessionId: session.id } });
      // One buyer paying two sessions of one event at once: their fulfilments queue on this lock, so the
      // second sees the first's ticket and is refunded as a duplicate (SQLite serializes writers anyway).
      await lockBuyerOfEvent(tx, dialect, hold.eventId, hold.userId);
      const done = await tx.ticket.findUnique({ where: { checkoutSessionId: session.id } });
      if (done) return { kind: "already" };
      const current = hold.id ? await tx.seatHold.findUniqueOrThrow({ where: { id: hold.id }, select: { status: true } }) : { status: "missing" };
      // The event row lock orders this grant against a cancel: either this ticket commits first (and is in the
      // cancel's refund list) or this sees "cancelled" and the payment is refunded at once.
      const status = await lockEventStatus(tx, dialect, hold.eventId);
      if (status === "cancelled") {
        if (hold.id) await releaseHoldInTx(tx, hold.id);
        return { kind: "refund", reason: "event_cancelled" };
      }
      const duplicate = await tx.ticket.findFirst({ where: { eventId: hold.eventId, userId: hold.userId, status: "valid" } });
      if (duplicate) {
        if (hold.id) await releaseHoldInTx(tx, hold.id);
        return { kind: "refund", reason: "duplicate" };
      }
      let hasSeat: boolean;
      if (current.status === "open" && hold.id) {
        const converted = await tx.seatHold.updateMany({ where: { id: hold.id, status: "open" }, data: { status: "converted" } });
        hasSeat = converted.count === 1;
      } else {
        // The hold expired (seat released) before the payment landed, or there is none: take a fresh seat if one is left.
        hasSeat = await takeSeat(tx, hold.eventId);
      }
      if (!hasSeat) return { kind: "refund", reason: "sold_out" };
      const ticket = await tx.ticket.create({
        data: {
          eventId: hold.eventId,
          userId: hold.userId,
          status: "valid",
          source: "purchase",
          checkoutSessionId: session.id,
          paymentIntentId: session.paymentIntentId,
          amountCents,
          currency,
          testMode: deps.provider.testMode,
        },
      });
      await recordSaleSplit(tx, { eventId: hold.eventId, sourceType: "ticket", sourceId: ticket.id, amountCents, currency });
      return { kind: "granted", ticketId: ticket.id };
    }, TX_OPTIONS);
  } catch (error) {
    // A concurrent delivery of the same session won the unique checkoutSessionId.
    if (isUniqueViolation(error)) return "already";
    throw error;
  }
  if (decision.kind === "granted") {
    // After the commit, once per ticket (later deliveries answer "already"); never fails the fulfilment.
    await sendTicketReceipt(deps, decision.ticketId);
    return "granted";
  }
  if (decision.kind !== "refund") return decision.kind;
  await refundUnfulfillable(deps, session, { eventId: hold.eventId, userId: hold.userId, amountCents, currency, reason: decision.reason });
  return "refunded";
}

/**
 * A paid session that cannot become a ticket: refund it (idempotency key per
 * session, so retries never refund twice), THEN record a Ticket row with
 * status "refunded" holding the session id, which makes later deliveries
 * see the session as handled. Nothing is lost if we crash in between: the
 * retry refunds with the same key and records again.
 */
/**
 * The event and buyer a paid session names in its metadata (`eventId`,
 * `userId`), when both exist in our database; null otherwise.
 */
async function buyerOfHoldlessSession(deps: CommerceDeps, session: CheckoutSessionInfo): Promise<{ id: null; eventId: string; userId: string } | null> {
  const { eventId, userId } = session.metadata;
  if (!eventId || !userId || eventId.length > 64 || userId.length > 64) return null;
  const [event, user] = await Promise.all([
    deps.db.event.findUnique({ where: { id: eventId }, select: { id: true } }),
    deps.db.user.findUnique({ where: { id: userId }, select: { id: true } }),
  ]);
  return event && user ? { id: null, eventId, userId } : null;
}

/** Refunds a paid session in full (idempotency key per session: retries never refund twice). */
async function refundPayment(deps: CommerceDeps, session: CheckoutSessionInfo): Promise<void> {
  if (!session.paymentIntentId) return;
  await deps.provider.refundPayment({
    paymentIntentId: session.paymentIntentId,
    idempotencyKey: `auto_refund_${session.id}`,
    // Same parameters on every retry of this key (Stripe refuses a key reused with others).
    reason: "unfulfillable_checkout",
  });
}

async function refundUnfulfillable(
  deps: CommerceDeps,
  session: CheckoutSessionInfo,
  row: { eventId: string; userId: string; amountCents: number; currency: string; reason: string },
): Promise<void> {
  await refundPayment(deps, session);
  const now = nowOf(deps);
  try {
    await deps.db.ticket.create({
      data: {
        eventId: row.eventId,
        userId: row.userId,
        status: "refunded",
        source: "purchase",
        checkoutSessionId: session.id,
        paymentIntentId: session.paymentIntentId,
        amountCents: row.amountCents,
        currency: row.currency,
        revokedAt: now,
        testMode: deps.provider.testMode,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  logOf(deps, "paid checkout could not be fulfilled; refunded automatically", { sessionId: session.id, reason: row.reason });
}

async function confirmTip(deps: CommerceDeps, session: CheckoutSessionInfo): Promise<FulfilmentResult> {
  const tipId = session.metadata.tipId;
  if (!tipId) return "ignored";
  const tip = await deps.db.tip.findUnique({ where: { id: tipId } });
  if (!tip) return "ignored";
  const now = nowOf(deps);
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.tip.updateMany({
      where: { id: tip.id, status: "pending" },
      data: { status: "confirmed", confirmedAt: now, paymentIntentId: session.paymentIntentId, checkoutSessionId: session.id },
    });
    if (count === 0) return "already" as const;
    await recordSaleSplit(tx, { eventId: tip.eventId, sourceType: "tip", sourceId: tip.id, amountCents: tip.amountCents, currency: tip.currency });
    return "granted" as const;
  }, TX_OPTIONS);
}

/**
 * Acts on a session the provider reports as expired: releases its seat hold
 * (once), or marks its pending tip "expired" (once). A session that turns out
 * complete is fulfilled instead, so an `expired` event arriving late or out
 * of order never undoes a sale or a tip.
 */
export async function settleEndedSession(deps: CommerceDeps, sessionId: string): Promise<FulfilmentResult | "released" | "expired"> {
  const session = await deps.provider.retrieveCheckoutSession(sessionId);
  if (session.status === "complete") return fulfilRetrievedSession(deps, session);
  if (session.status !== "expired") return "pending";
  if (session.metadata.kind === "ticket" && session.metadata.holdId) {
    const holdId = session.metadata.holdId;
    await deps.db.$transaction((tx) => releaseHoldInTx(tx, holdId), TX_OPTIONS);
    return "released";
  }
  if (session.metadata.kind === "tip" && session.metadata.tipId) {
    await deps.db.tip.updateMany({ where: { id: session.metadata.tipId, status: "pending" }, data: { status: "expired" } });
    return "expired";
  }
  return "ignored";
}

