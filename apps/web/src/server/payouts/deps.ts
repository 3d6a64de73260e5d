import { type Db } from "@limelight/db";
import { type ConnectProvider } from "./connect-provider";

/**
 * Everything the payout use cases need, passed in so tests wire a real
 * database and the real stripe client pointed at packages/fake-stripe.
 */
export interface PayoutDeps {
  db: Db;
  connect: ConnectProvider;
  /** Public base URL of the web app (onboarding return/refresh URLs). */
  appUrl: string;
  /** Time after a show ends before it is settled automatically, ms (SETTLEMENT_WINDOW_HOURS). */
  settlementWindowMs: number;
  /** Clock; defaults to `() => new Date()`. */
  now?: () => Date;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** Current time of the deps' clock. */
export function nowOf(deps: PayoutDeps): Date {
  return deps.now ? deps.now() : new Date();
}

/** Logs through deps.log when present. */
export function logOf(deps: PayoutDeps, message: string, fields?: Record<string, unknown>): void {
  deps.log?.(message, fields);
}

/** How long a worker's claim on a pending payout or reversal lasts, ms: longer than a Stripe call with its timeout. */
export const CLAIM_MS = 60_000;
