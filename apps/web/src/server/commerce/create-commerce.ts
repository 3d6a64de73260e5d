import { type Actor } from "@limelight/domain";
import { type CommerceDeps } from "./deps";
import { cancelEvent, type CancelEventInput, type CancelEventResult } from "./cancel-event";
import { cancellationRefundSummary, type CancellationRefundSummary } from "./cancellation-refunds";
import { reconcileCancelledEvents, type ReconcileResult } from "./reconcile-cancelled-events";
import { checkoutStatus, type CheckoutStatusInput } from "./checkout-status";
import { compTicket, type CompTicketInput } from "./comp-ticket";
import { eventStatement, type EventStatementInput } from "./event-statement";
import { handleStripeWebhook } from "./handle-stripe-webhook";
import { refundTicket, type RefundTicketInput } from "./refund-ticket";
import { salesForEvent, type SalesForEventInput } from "./sales-for-event";
import { startTicketCheckout, type StartTicketCheckoutInput } from "./start-ticket-checkout";
import { getTicket, type GetTicketInput } from "./get-ticket";
import { claimFreeTicket, type ClaimFreeTicketInput } from "./claim-free-ticket";
import { startTipCheckout, type StartTipCheckoutInput } from "./start-tip-checkout";
import { sweepExpiredHolds } from "./sweep-expired-holds";
import { sweepStaleTips } from "./sweep-stale-tips";
import { cancelTestCheckout, payTestCheckout, viewTestCheckout, type TestCheckoutRedirect } from "./test-checkout";
import {
  type CheckoutStarted,
  type CheckoutStatus,
  type CompResult,
  type EventStatement,
  type RefundResult,
  type SaleRow,
  type SweepResult,
  type TipSweepResult,
  type TicketObtained,
  type TestCheckoutView,
  type TipCheckoutStarted,
  type WebhookOutcome,
} from "./types";

/**
 * The commerce use cases bound to their dependencies. Every method takes
 * plain input and returns plain serialisable data; errors are AppError (see
 * each use case file for its codes).
 */
export interface Commerce {
  /** True when the built-in test payment provider is used: every payment screen must say "test mode". */
  readonly testMode: boolean;
  startTicketCheckout(input: StartTicketCheckoutInput): Promise<CheckoutStarted>;
  /** Free show: the ticket at once; paid show: a Checkout Session. */
  getTicket(input: GetTicketInput): Promise<TicketObtained>;
  claimFreeTicket(input: ClaimFreeTicketInput): Promise<{ ticketId: string }>;
  startTipCheckout(input: StartTipCheckoutInput): Promise<TipCheckoutStarted>;
  /** Raw request body + `Stripe-Signature` header → 200 body; throws INVALID_SIGNATURE (400). */
  handleStripeWebhook(rawBody: string, signatureHeader: string | null | undefined): Promise<WebhookOutcome>;
  /** Releases holds past expiresAt at `now` (default: the current time). */
  sweepExpiredHolds(now?: Date): Promise<SweepResult>;
  /** Expires tips left pending past their session's expiry at `now` (default: the current time). */
  sweepStaleTips(now?: Date): Promise<TipSweepResult>;
  refundTicket(input: RefundTicketInput): Promise<RefundResult>;
  /** Admin cancel, resumable: status write, one refund row per valid ticket, refunds tried now and retried later. */
  cancelEvent(input: CancelEventInput): Promise<CancelEventResult>;
  /** Where an event's cancellation refunds stand (for the admin page; no authorization: callers check the admin role). */
  cancellationRefunds(eventId: string): Promise<CancellationRefundSummary>;
  /** Refund rows for valid tickets on cancelled events, then every due refund tried (background job). */
  reconcileCancelledEvents(): Promise<ReconcileResult>;
  compTicket(input: CompTicketInput): Promise<CompResult>;
  eventStatement(input: EventStatementInput): Promise<EventStatement>;
  salesForEvent(input: SalesForEventInput): Promise<SaleRow[]>;
  checkoutStatus(input: CheckoutStatusInput): Promise<CheckoutStatus>;
  /** The test-mode hosted payment page (NOT_FOUND outside test mode; FORBIDDEN unless the actor is the buyer or an admin). */
  testCheckout: {
    view(actor: Actor | null, sessionId: string): Promise<TestCheckoutView>;
    pay(actor: Actor | null, sessionId: string): Promise<TestCheckoutRedirect>;
    cancel(actor: Actor | null, sessionId: string): Promise<TestCheckoutRedirect>;
  };
}

/** Binds every commerce use case to `deps`. */
export function createCommerce(deps: CommerceDeps): Commerce {
  return {
    testMode: deps.provider.testMode,
    startTicketCheckout: (input) => startTicketCheckout(deps, input),
    getTicket: (input) => getTicket(deps, input),
    claimFreeTicket: (input) => claimFreeTicket(deps, input),
    startTipCheckout: (input) => startTipCheckout(deps, input),
    handleStripeWebhook: (rawBody, signatureHeader) => handleStripeWebhook(deps, rawBody, signatureHeader),
    sweepExpiredHolds: (now) => sweepExpiredHolds(deps, now ?? (deps.now ? deps.now() : new Date())),
    sweepStaleTips: (now) => sweepStaleTips(deps, now ?? (deps.now ? deps.now() : new Date())),
    refundTicket: (input) => refundTicket(deps, input),
    cancelEvent: (input) => cancelEvent(deps, input),
    cancellationRefunds: (eventId) => cancellationRefundSummary(deps, eventId),
    reconcileCancelledEvents: () => reconcileCancelledEvents(deps),
    compTicket: (input) => compTicket(deps, input),
    eventStatement: (input) => eventStatement(deps, input),
    salesForEvent: (input) => salesForEvent(deps, input),
    checkoutStatus: (input) => checkoutStatus(deps, input),
    testCheckout: {
      view: (actor, sessionId) => viewTestCheckout(deps, actor, sessionId),
      pay: (actor, sessionId) => payTestCheckout(deps, actor, sessionId),
      cancel: (actor, sessionId) => cancelTestCheckout(deps, actor, sessionId),
    },
  };
}
