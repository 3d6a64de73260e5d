import { AppError } from "@limelight/domain";

/**
 * Builds the absolute Checkout return URLs from app-relative paths. Paths must
 * start with a single "/" (no open redirect to another site). The success
 * path may contain `{CHECKOUT_SESSION_ID}`, which Stripe replaces.
 * Throws AppError VALIDATION_FAILED for any other path.
 */
export function returnUrls(appUrl: string, successPath: string, cancelPath: string): { successUrl: string; cancelUrl: string } {
  for (const path of [successPath, cancelPath]) {
    if (!path.startsWith("/") || path.startsWith("//")) throw new AppError("VALIDATION_FAILED", "Return paths must be paths on this site");
  }
  const base = appUrl.replace(/\/+$/, "");
  return { successUrl: base + successPath, cancelUrl: base + cancelPath };
}
