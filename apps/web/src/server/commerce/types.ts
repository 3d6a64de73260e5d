/**
 * Plain, serialisable shapes returned by the commerce use cases. No Prisma
 * type crosses this boundary: dates are ISO 8601 strings, money is integer
 * cents with a lower-case ISO 4217 currency code.
 */

/** A Checkout Session the buyer must be sent to. */
export interface CheckoutStarted {
  /** Where to redirect the browser: Stripe's hosted page, or `/test-checkout/<id>` in test mode. */
  checkoutUrl: string;
  /** Checkout Session id (`cs_...`). */
  sessionId: string;
  /** True when the built-in test payment provider is used (no STRIPE_SECRET_KEY): the UI must say "test mode". */
  testMode: boolean;
  /** When the session (and the seat hold) expires, ISO 8601. */
  expiresAt: string;
}

/**
 * What the event page's button got: a free ticket at once (`kind: "free"`),
 * or a started Checkout Session (`kind: "checkout"`); either way the browser
 * goes to `redirectUrl` (absolute).
 */
export type TicketObtained = { kind: "free"; ticketId: string; redirectUrl: string } | ({ kind: "checkout"; redirectUrl: string } & CheckoutStarted);

/** A started tip: the Checkout Session plus the pending Tip row's id. */
export interface TipCheckoutStarted extends CheckoutStarted {
  tipId: string;
}

/** What the webhook handler did with one delivery. */
export interface WebhookOutcome {
  received: true;
  /** Stripe event id (`evt_...`). */
  eventId: string;
  type: string;
  /**
   * processed: acted on; duplicate: event id seen before; ignored: type not
   * handled; unknown_object: the session or charge does not exist at the
   * provider (acknowledged and logged, so Stripe does not retry for days).
   */
  outcome: "processed" | "duplicate" | "ignored" | "unknown_object";
}

/** Outcome of one tip sweep. */
export interface TipSweepResult {
  /** Tips whose unpaid Checkout Session expired. */
  expired: number;
  /** Tips found paid at the provider and confirmed instead. */
  confirmed: number;
}

/** Result of one hold sweep. */
export interface SweepResult {
  /** Holds whose seat went back on sale. */
  released: number;
  /** Holds found paid at the provider and turned into tickets instead. */
  fulfilled: number;
}

/** State of a purchase as the buyer's return page shows it. */
export interface CheckoutStatus {
  sessionId: string;
  kind: "ticket" | "tip";
  /** pending: waiting for payment or the webhook; granted: ticket valid / tip confirmed; expired: session ended unpaid; refunded: paid but no seat was left, money returned. */
  state: "pending" | "granted" | "expired" | "refunded";
  eventId: string;
  ticketId: string | null;
  tipId: string | null;
  testMode: boolean;
}

/** A ticket after an admin refund. */
export interface RefundResult {
  ticketId: string;
  status: "refunded" | "revoked";
  /** Provider refund id (`re_...`); null for a comp ticket (nothing was paid). */
  refundId: string | null;
  amountCents: number;
  currency: string;
}

/** A complimentary ticket granted by an admin. */
export interface CompResult {
  ticketId: string;
  userId: string;
  email: string;
  eventId: string;
}

/** One host's line on a statement. */
export interface StatementHostLine {
  userId: string;
  name: string;
  email: string;
  shareBps: number;
  /** Net cents credited to this host from tickets + tips - refunds (sum of LedgerEntry rows). */
  amountCents: number;
}

/** Money of one show, per host (from LedgerEntry rows). */
export interface EventStatement {
  eventId: string;
  title: string;
  currency: string;
  ticketsSold: number;
  ticketsRefunded: number;
  tipsConfirmed: number;
  grossTicketsCents: number;
  grossTipsCents: number;
  /** Positive number of cents returned to buyers. */
  refundsCents: number;
  /** grossTickets + grossTips - refunds. */
  netCents: number;
  hosts: StatementHostLine[];
}

/** One row of an event's sales list (admin). */
export interface SaleRow {
  ticketId: string;
  buyerUserId: string;
  buyerEmail: string;
  buyerName: string;
  /** "valid" | "refunded" | "revoked". */
  status: string;
  /** "purchase" | "comp". */
  source: string;
  amountCents: number;
  currency: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What the test-mode hosted payment page shows. */
export interface TestCheckoutView {
  sessionId: string;
  productName: string;
  amountCents: number;
  currency: string;
  status: "open" | "complete" | "expired";
  expiresAt: string;
  successUrl: string;
  cancelUrl: string;
}
