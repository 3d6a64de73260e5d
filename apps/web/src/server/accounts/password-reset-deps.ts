import type { Db } from "@limelight/db";
import type { PasswordResetRequestLimit } from "@limelight/domain/accounts/password-reset";
import type { MailLog, Mailer } from "../mail/mailer";

/**
 * What the password reset use cases need, passed in so tests wire a real
 * database, a real mailer and their own clock.
 */
export interface PasswordResetDeps {
  db: Db;
  mailer: Mailer;
  /** Public base URL of the web app (the link is `${appUrl}/reset-password?token=...`). */
  appUrl: string;
  /** Clock; defaults to `() => new Date()`. */
  now?: () => Date;
  /** Links per account per window; defaults to 3 per hour. */
  limit?: PasswordResetRequestLimit;
  /** Structured log sink (never receives tokens or links). */
  log?: MailLog;
}

/** Current time of the deps' clock. */
export function resetNow(deps: Pick<PasswordResetDeps, "now">): Date {
  return deps.now ? deps.now() : new Date();
}
