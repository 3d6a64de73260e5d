/**
 * Test wiring of the payout use cases: PayoutDeps on a real database with the
 * real stripe client pointed at packages/fake-stripe. Test tooling only.
 */
import { type Db } from "@limelight/db";
import { stripeClientFor } from "../../commerce/testing/fixtures";
import { type PayoutDeps } from "../deps";
import { StripeConnectProvider } from "../stripe-connect-provider";

/** Seven days, the default settlement window, ms. */
export const WEEK_MS = 7 * 24 * 3600_000;

/** PayoutDeps on `db` with StripeConnectProvider talking to `fake`. */
export function payoutDeps(db: Db, fake: { host: string; port: number; protocol: "http" }, overrides: Partial<PayoutDeps> = {}): PayoutDeps {
  return { db, connect: new StripeConnectProvider(stripeClientFor(fake)), appUrl: "http://localhost:3000", settlementWindowMs: WEEK_MS, ...overrides };
}
