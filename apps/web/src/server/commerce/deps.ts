import { type Db } from "@limelight/db";
import { type Mailer } from "../mail/mailer";
import { type PaymentProvider } from "./payment-provider";

/**
 * Everything the commerce use cases need, passed in (never read from globals),
 * so tests can wire a real database and a provider pointed at fake-stripe.
 */
export interface CommerceDeps {
  db: Db;
  provider: PaymentProvider;
  /** Webhook signing secret (`whsec_...`) checked on every delivery. */
  webhookSecret: string;
  /** Public base URL of the web app, e.g. http://localhost:3000 (Checkout return URLs). */
  appUrl: string;
  /** Smallest tip accepted, in cents. */
  tipMinCents: number;
  /** Clock; defaults to `() => new Date()`. */
  now?: () => Date;
  /** Structured log sink for things worth knowing (automatic refunds, sweeps, mail failures). */
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /**
   * Sends ticket receipts (webhook-granted and free tickets) after their
   * transaction commits; absent → no mail. A failing mailer is only logged.
   */
  mailer?: Mailer;
}

/** Current time of the deps' clock. */
export function nowOf(deps: CommerceDeps): Date {
  return deps.now ? deps.now() : new Date();
}

/** Logs through deps.log when present. */
export function logOf(deps: CommerceDeps, message: string, fields?: Record<string, unknown>): void {
  deps.log?.(message, fields);
}
