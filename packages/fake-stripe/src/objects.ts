/**
 * Stripe API object shapes the fake returns (the subset of fields Limelight
 * and the stripe client read), following Stripe's published API reference:
 * https://docs.stripe.com/api/checkout/sessions/object ,
 * https://docs.stripe.com/api/refunds/object , https://docs.stripe.com/api/events/object
 */

/** A Checkout Session (`object: "checkout.session"`). Amounts in cents; times in Unix seconds. */
export interface CheckoutSessionObject {
  id: string;
  object: "checkout.session";
  mode: string;
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  payment_intent: string | null;
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  success_url: string | null;
  cancel_url: string | null;
  url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  payment_method_types: string[];
  line_items_summary: { name: string; quantity: number; unit_amount: number }[];
}

/** A Refund (`object: "refund"`). */
export interface RefundObject {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  payment_intent: string;
  status: "succeeded";
  metadata: Record<string, string>;
  created: number;
}

/** A Charge (`object: "charge"`), created when a session is paid. https://docs.stripe.com/api/charges/object */
export interface ChargeObject {
  id: string;
  object: "charge";
  amount: number;
  amount_refunded: number;
  refunded: boolean;
  currency: string;
  payment_intent: string;
  paid: true;
  status: "succeeded";
  created: number;
}

/** An Event (`object: "event"`) as delivered to a webhook endpoint. */
export interface EventObject {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: CheckoutSessionObject | RefundObject | ChargeObject };
}

/** Stripe's error body: https://docs.stripe.com/api/errors */
export interface ErrorObject {
  error: { type: "invalid_request_error" | "idempotency_error" | "api_error"; message: string; code?: string; param?: string };
}
