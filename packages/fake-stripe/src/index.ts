/**
 * @limelight/fake-stripe: a local HTTP server that answers the Stripe API
 * calls Limelight makes (Checkout Sessions create/retrieve/expire, refunds)
 * in the shapes of Stripe's published API, for tests and benches that drive
 * the real `stripe` client (options `host`, `port`, `protocol: "http"`).
 */
export { startFakeStripe, type FakeStripe, type FakeStripeOptions, type WebhookDelivery } from "./server";
export { parseFormBody, type FormValue } from "./form-body";
export type {
  CheckoutSessionObject,
  RefundObject,
  ChargeObject,
  EventObject,
  ErrorObject,
  AccountObject,
  AccountLinkObject,
  TransferObject,
  TransferReversalObject,
} from "./objects";
export { type FakeConnect } from "./connect";
