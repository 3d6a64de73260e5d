/**
 * Payouts: Stripe Connect Express accounts for performers, settlement of
 * ended shows, one transfer per host per show, reversals or debts after
 * refunds (see README.md in this folder). Pages, actions and the worker call
 * `payouts()`; tests build PayoutDeps with their own database and client.
 */
import Stripe from "stripe";
import { env } from "../../env";
import { db } from "../db";
import { logger } from "../logger";
import { type PayoutDeps } from "./deps";
import { StripeConnectProvider } from "./stripe-connect-provider";
import { TestModeConnectProvider } from "./test-mode-connect-provider";

export { type PayoutDeps } from "./deps";

/** True when payouts are simulated (no STRIPE_SECRET_KEY): pages say "test mode". */
export function payoutsTestMode(): boolean {
  return !env().STRIPE_SECRET_KEY;
}

const holder = globalThis as unknown as { limelightPayouts?: PayoutDeps };

/**
 * The process-wide payout deps: the real `stripe` client from env
 * (STRIPE_SECRET_KEY; STRIPE_API_HOST/PORT/PROTOCOL can point it at another
 * server), or in test mode (no key) TestModeConnectProvider: simulated
 * onboarding and transfers, no money moves, and the pages say "test mode".
 */
export function payouts(): PayoutDeps {
  if (!holder.limelightPayouts) {
    const config = env();
    const connect = config.STRIPE_SECRET_KEY
      ? new StripeConnectProvider(
          new Stripe(config.STRIPE_SECRET_KEY, {
            maxNetworkRetries: 2,
            timeout: 15_000,
            ...(config.STRIPE_API_HOST ? { host: config.STRIPE_API_HOST } : {}),
            ...(config.STRIPE_API_PORT ? { port: config.STRIPE_API_PORT } : {}),
            ...(config.STRIPE_API_PROTOCOL ? { protocol: config.STRIPE_API_PROTOCOL } : {}),
          }),
        )
      : new TestModeConnectProvider(db(), config.APP_URL);
    holder.limelightPayouts = {
      db: db(),
      connect,
      appUrl: config.APP_URL,
      settlementWindowMs: config.SETTLEMENT_WINDOW_HOURS * 3600_000,
      log: (message, fields) => logger().info(fields ?? {}, message),
    };
  }
  return holder.limelightPayouts;
}
