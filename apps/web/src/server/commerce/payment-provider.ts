/**
 * The payment side effect behind a small interface. `StripePaymentProvider`
 * talks to Stripe (or to any server speaking Stripe's API, see
 * packages/fake-stripe); `TestModePaymentProvider` keeps sessions in the
 * database when no Stripe key is configured. Use cases only see this interface.
 *
 * Stripe references: https://docs.stripe.com/api/checkout/sessions ,
 * https://docs.stripe.com/api/refunds/create ,
 * https://docs.stripe.com/api/idempotent_requests
 */

/** What a Checkout Session is for; copied into its metadata as `kind`. */
export type CheckoutKind = "ticket" | "tip";

/** Input of PaymentProvider.createCheckoutSession. */
export interface CreateCheckoutSessionInput {
  kind: CheckoutKind;
  /** Price in the currency's smallest unit (cents). */
  amountCents: number;
  /** Lower-case ISO 4217 code, e.g. "usd". */
  currency: string;
  /** Line item name shown on the payment page. */
  productName: string;
  /** Our user id (Stripe `client_reference_id`). */
  clientReferenceId: string;
  customerEmail?: string;
  /** String metadata echoed back on the session (holdId / tipId, eventId, userId). */
  metadata: Record<string, string>;
  /** Absolute URL; may contain `{CHECKOUT_SESSION_ID}`. */
  successUrl: string;
  cancelUrl: string;
  /** Stripe accepts 30 min to 24 h after creation. */
  expiresAt: Date;
  /** Idempotency key of the create request (same key + same params → same session). */
  idempotencyKey: string;
}

/** The subset of a Checkout Session Limelight reads. */
export interface CheckoutSessionInfo {
  /** `cs_...` */
  id: string;
  /** Hosted payment page URL; null once the session is complete or expired. */
  url: string | null;
  status: "open" | "complete" | "expired";
  paymentStatus: "paid" | "unpaid" | "no_payment_required";
  /** `pi_...` once paid. */
  paymentIntentId: string | null;
  /** Cents actually charged (null when unknown). */
  amountTotal: number | null;
  currency: string | null;
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  expiresAt: Date;
}

/** Input of PaymentProvider.refundPayment. */
export interface RefundInput {
  paymentIntentId: string;
  /** Cents to refund; the whole payment when absent. */
  amountCents?: number;
  idempotencyKey: string;
  /** Our reason, stored in the refund's metadata. */
  reason: string;
}

/** A created refund. */
export interface RefundInfo {
  /** `re_...` */
  id: string;
  /** Stripe refund status: "pending" | "succeeded" | "failed" | ... */
  status: string;
  amountCents: number;
}

/** The subset of a Charge Limelight reads (to act on `charge.refunded`). */
export interface ChargeInfo {
  /** `ch_...` */
  id: string;
  paymentIntentId: string | null;
  /** Cents charged. */
  amountCents: number;
  /** Cents refunded so far. */
  amountRefundedCents: number;
  /** True once fully refunded. */
  refunded: boolean;
}

/**
 * Creates, reads and ends Checkout Sessions and refunds payments.
 * Every method throws AppError PROVIDER_UNAVAILABLE when the provider cannot
 * be reached or refuses the request, NOT_FOUND for an unknown session.
 */
export interface PaymentProvider {
  /** True for the built-in test provider: every payment screen says "test mode". */
  readonly testMode: boolean;
  createCheckoutSession(input: CreateCheckoutSessionInput): Promise<CheckoutSessionInfo>;
  retrieveCheckoutSession(sessionId: string): Promise<CheckoutSessionInfo>;
  /**
   * Expires an open session so it can no longer be paid. When the session is
   * not open any more (already complete or expired) it does not throw: it
   * returns the session as it is, so the caller can act on its real state.
   */
  expireCheckoutSession(sessionId: string): Promise<CheckoutSessionInfo>;
  refundPayment(input: RefundInput): Promise<RefundInfo>;
  /** Reads a charge (https://docs.stripe.com/api/charges/retrieve). */
  retrieveCharge(chargeId: string): Promise<ChargeInfo>;
}
