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
  data: { object: CheckoutSessionObject | RefundObject | ChargeObject | AccountObject | TransferObject };
}

/** A connected account (`object: "account"`): https://docs.stripe.com/api/accounts/object */
export interface AccountObject {
  id: string;
  object: "account";
  type: "express" | "standard" | "custom";
  country: string;
  email: string | null;
  default_currency: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: { transfers: "active" | "inactive" | "pending" };
  requirements: { currently_due: string[]; eventually_due: string[]; past_due: string[]; disabled_reason: string | null };
  metadata: Record<string, string>;
  created: number;
}

/** An Account Link (`object: "account_link"`), a single-use onboarding URL valid 5 minutes: https://docs.stripe.com/api/account_links/object */
export interface AccountLinkObject {
  object: "account_link";
  created: number;
  expires_at: number;
  url: string;
}

/** A reversal of (part of) a transfer: https://docs.stripe.com/api/transfer_reversals/object . amount in cents. */
export interface TransferReversalObject {
  id: string;
  object: "transfer_reversal";
  amount: number;
  currency: string;
  transfer: string;
  balance_transaction: string;
  destination_payment_refund: string;
  source_refund: string | null;
  metadata: Record<string, string>;
  created: number;
}

/** A transfer to a connected account: https://docs.stripe.com/api/transfers/object . Amounts in cents. */
export interface TransferObject {
  id: string;
  object: "transfer";
  amount: number;
  amount_reversed: number;
  currency: string;
  description: string | null;
  destination: string;
  destination_payment: string;
  balance_transaction: string;
  livemode: false;
  metadata: Record<string, string>;
  reversed: boolean;
  reversals: { object: "list"; data: TransferReversalObject[]; has_more: boolean; total_count: number; url: string };
  source_transaction: string | null;
  source_type: string;
  transfer_group: string | null;
  created: number;
}

/** Stripe's error body: https://docs.stripe.com/api/errors */
export interface ErrorObject {
  error: { type: "invalid_request_error" | "idempotency_error" | "api_error"; message: string; code?: string; param?: string };
}
