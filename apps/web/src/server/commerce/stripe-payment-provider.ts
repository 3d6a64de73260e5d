import type Stripe from "stripe";
import { AppError } from "@limelight/domain";
import {
  type ChargeInfo,
  type CheckoutSessionInfo,
  type CreateCheckoutSessionInput,
  type PaymentProvider,
  type RefundInfo,
  type RefundInput,
} from "./payment-provider";

/**
 * PaymentProvider on Stripe's API through the official `stripe` client given
 * to the constructor (tests pass one pointed at packages/fake-stripe with the
 * client's `host`/`port`/`protocol` options).
 * Calls: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id,
 * POST /v1/checkout/sessions/:id/expire, POST /v1/refunds, GET /v1/charges/:id
 * (https://docs.stripe.com/api/checkout/sessions, https://docs.stripe.com/api/refunds).
 * Errors: Stripe 404 / resource_missing → NOT_FOUND; anything else →
 * PROVIDER_UNAVAILABLE (the Stripe message is kept as the cause, not shown).
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly testMode = false;

  constructor(private readonly stripe: Stripe) {}

  async createCheckoutSession(input: CreateCheckoutSessionInput): Promise<CheckoutSessionInfo> {
    const session = await this.call(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            { quantity: 1, price_data: { currency: input.currency, unit_amount: input.amountCents, product_data: { name: input.productName } } },
          ],
          client_reference_id: input.clientReferenceId,
          ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
          metadata: input.metadata,
          payment_intent_data: { metadata: input.metadata },
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          expires_at: Math.floor(input.expiresAt.getTime() / 1000),
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return toInfo(session);
  }

  async retrieveCheckoutSession(sessionId: string): Promise<CheckoutSessionInfo> {
    return toInfo(await this.call(() => this.stripe.checkout.sessions.retrieve(sessionId)));
  }

  async expireCheckoutSession(sessionId: string): Promise<CheckoutSessionInfo> {
    try {
      return toInfo(await this.stripe.checkout.sessions.expire(sessionId));
    } catch (error) {
      // Stripe refuses to expire a session that is not open; report its real state instead.
      if (isStripeError(error) && error.statusCode === 400) return this.retrieveCheckoutSession(sessionId);
      throw mapError(error);
    }
  }

  async refundPayment(input: RefundInput): Promise<RefundInfo> {
    const refund = await this.call(() =>
      this.stripe.refunds.create(
        {
          payment_intent: input.paymentIntentId,
          ...(input.amountCents === undefined ? {} : { amount: input.amountCents }),
          metadata: { reason: input.reason },
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return { id: refund.id, status: refund.status ?? "pending", amountCents: refund.amount };
  }

  async retrieveCharge(chargeId: string): Promise<ChargeInfo> {
    const charge = await this.call(() => this.stripe.charges.retrieve(chargeId));
    const pi = charge.payment_intent;
    return {
      id: charge.id,
      paymentIntentId: typeof pi === "string" ? pi : (pi?.id ?? null),
      amountCents: charge.amount,
      amountRefundedCents: charge.amount_refunded,
      refunded: charge.refunded,
    };
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw mapError(error);
    }
  }
}

interface StripeLikeError {
  type: string;
  statusCode?: number;
  code?: string;
}

function isStripeError(error: unknown): error is StripeLikeError & Error {
  const type = (error as Partial<StripeLikeError> | null)?.type;
  return error instanceof Error && typeof type === "string" && type.startsWith("Stripe");
}

function mapError(error: unknown): AppError {
  if (isStripeError(error) && (error.statusCode === 404 || error.code === "resource_missing")) {
    return new AppError("NOT_FOUND", "Checkout Session not found", { cause: error });
  }
  return new AppError("PROVIDER_UNAVAILABLE", "The payment provider is unavailable; please try again", { cause: error });
}

function toInfo(session: Stripe.Checkout.Session): CheckoutSessionInfo {
  const pi = session.payment_intent;
  return {
    id: session.id,
    url: session.url ?? null,
    status: oneOf(session.status, ["complete", "expired"] as const) ?? "open",
    paymentStatus: oneOf(session.payment_status, ["paid", "no_payment_required"] as const) ?? "unpaid",
    paymentIntentId: typeof pi === "string" ? pi : (pi?.id ?? null),
    amountTotal: session.amount_total ?? null,
    currency: session.currency ?? null,
    metadata: { ...(session.metadata ?? {}) },
    clientReferenceId: session.client_reference_id ?? null,
    expiresAt: new Date(session.expires_at * 1000),
  };
}

function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}
