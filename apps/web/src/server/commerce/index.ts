/**
 * Commerce: ticket and tip payments through Stripe Checkout (or the built-in
 * test provider), webhook fulfilment, seat holds, refunds, comps and
 * per-host statements. Pages and server actions call `commerce()`; tests and
 * benches call `createCommerce(deps)` with their own database and provider.
 */
import Stripe from "stripe";
import { env } from "../../env";
import { createAdmissionGate, type AdmissionGate } from "../admission-gate";
import { db } from "../db";
import { logger } from "../logger";
import { mailer } from "../mail";
import { createCommerce, type Commerce } from "./create-commerce";
import { type PaymentProvider } from "./payment-provider";
import { StripePaymentProvider } from "./stripe-payment-provider";
import { TestModePaymentProvider } from "./test-mode-payment-provider";

export { createCommerce, type Commerce } from "./create-commerce";
export { type CommerceDeps } from "./deps";
export type * from "./types";
export type * from "./payment-provider";
export { type StartTicketCheckoutInput } from "./start-ticket-checkout";
export { type StartTipCheckoutInput } from "./start-tip-checkout";
export { type RefundTicketInput } from "./refund-ticket";
export { type CancelEventInput, type CancelEventResult } from "./cancel-event";
export { type CancellationRefundSummary, type CancellationRefundRow } from "./cancellation-refunds";
export { type ReconcileResult } from "./reconcile-cancelled-events";
export { type CompTicketInput } from "./comp-ticket";
export { type EventStatementInput } from "./event-statement";
export { type SalesForEventInput } from "./sales-for-event";
export { type CheckoutStatusInput } from "./checkout-status";
export { type TestCheckoutRedirect } from "./test-checkout";
export { HANDLED_WEBHOOK_TYPES } from "./handle-stripe-webhook";
export { StripePaymentProvider } from "./stripe-payment-provider";
export { TestModePaymentProvider } from "./test-mode-payment-provider";

const holder = globalThis as unknown as { limelightCommerce?: Commerce };

/**
 * The payment provider chosen by env: Stripe when STRIPE_SECRET_KEY is set
 * (STRIPE_API_HOST/PORT/PROTOCOL can point the client at another server),
 * otherwise the built-in test provider ("test mode").
 */
export function paymentProviderFromEnv(): PaymentProvider {
  const config = env();
  if (!config.STRIPE_SECRET_KEY) return new TestModePaymentProvider(db(), config.APP_URL);
  const stripe = new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    ...(config.STRIPE_API_HOST ? { host: config.STRIPE_API_HOST } : {}),
    ...(config.STRIPE_API_PORT ? { port: config.STRIPE_API_PORT } : {}),
    ...(config.STRIPE_API_PROTOCOL ? { protocol: config.STRIPE_API_PROTOCOL } : {}),
  });
  return new StripePaymentProvider(stripe);
}

/**
 * The process-wide commerce use cases wired to `db()`, the env's provider and
 * the webhook secret. Abandoned holds and refunds owed on cancelled events
 * are swept by the background worker (src/server/worker/start-worker.ts).
 */
export function commerce(): Commerce {
  if (!holder.limelightCommerce) {
    const config = env();
    holder.limelightCommerce = createCommerce({
      db: db(),
      provider: paymentProviderFromEnv(),
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      appUrl: config.APP_URL,
      tipMinCents: config.TIP_MIN_CENTS,
      log: (message, fields) => logger().info(fields ?? {}, message),
      mailer: mailer(),
    });
  }
  return holder.limelightCommerce;
}

const gateHolder = globalThis as unknown as { limelightCheckoutGate?: AdmissionGate };

/**
 * The process-wide admission gate of Buy presses (POST /api/events/<id>/checkout):
 * CHECKOUT_CONCURRENCY at once, CHECKOUT_QUEUE_MAX waiting, then 503 OVERLOADED
 * with Retry-After 2 s.
 */
export function checkoutGate(): AdmissionGate {
  if (!gateHolder.limelightCheckoutGate) {
    const config = env();
    gateHolder.limelightCheckoutGate = createAdmissionGate({ concurrency: config.CHECKOUT_CONCURRENCY, maxQueued: config.CHECKOUT_QUEUE_MAX, retryAfterMs: 2_000 });
  }
  return gateHolder.limelightCheckoutGate;
}
