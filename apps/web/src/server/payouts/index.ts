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

export { type PayoutDeps } from "./deps";

const holder = globalThis as unknown as { limelightPayouts?: PayoutDeps | null };

/**
 * The process-wide payout deps: the real `stripe` client from env
 * (STRIPE_SECRET_KEY; STRIPE_API_HOST/PORT/PROTOCOL can point it at another
 * server). Null in test mode (no Stripe key): then nobody can connect an
 * account, shows still settle and hosts' balances accrue.
 */
export function payouts(): PayoutDeps | null {
  if (holder.limelightPayouts === undefined) {
    const config = env();
    holder.limelightPayouts = config.STRIPE_SECRET_KEY
      ? {
          db: db(),
          connect: new StripeConnectProvider(
            new Stripe(config.STRIPE_SECRET_KEY, {
              maxNetworkRetries: 2,
              timeout: 15_000,
              ...(config.STRIPE_API_HOST ? { host: config.STRIPE_API_HOST } : {}),
              ...(config.STRIPE_API_PORT ? { port: config.STRIPE_API_PORT } : {}),
              ...(config.STRIPE_API_PROTOCOL ? { protocol: config.STRIPE_API_PROTOCOL } : {}),
            }),
          ),
          appUrl: config.APP_URL,
          settlementWindowMs: config.SETTLEMENT_WINDOW_HOURS * 3600_000,
          log: (message, fields) => logger().info(fields ?? {}, message),
        }
      : null;
  }
  return holder.limelightPayouts;
}
