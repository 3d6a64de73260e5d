/**
 * Sign-in throttling, pure: given the times of recent failed sign-in attempts
 * for one email address and for one client IP, decides whether one more
 * attempt may check its password, or is refused until a given time.
 *
 * A sliding window: an attempt is refused while `maxFailures` (or more)
 * failures happened in the last `windowMs`. Refused attempts are not failures
 * themselves (the caller does not record them), so a lock always ends
 * `windowMs` after the failure that started it.
 */
import { AppError } from "../app-error";

/** At most `maxFailures` failed sign-ins per `windowMs` milliseconds (both positive integers). */
export interface SignInFailureRule {
  maxFailures: number;
  windowMs: number;
}

/** The two limits of sign-in: per email address (password guessing) and per client IP (spraying many accounts). */
export interface SignInThrottleLimits {
  perEmail: SignInFailureRule;
  perIp: SignInFailureRule;
}

/** Defaults: 5 failures per email and 20 failures per IP within 15 minutes. */
export const DEFAULT_SIGN_IN_LIMITS: SignInThrottleLimits = {
  perEmail: { maxFailures: 5, windowMs: 15 * 60_000 },
  perIp: { maxFailures: 20, windowMs: 15 * 60_000 },
};

/**
 * The outcome of one throttle check: allowed, or locked until `lockedUntil`
 * (ms since epoch), `retryAfterMs` (> 0) from now.
 */
export type SignInThrottleDecision = { allowed: true } | { allowed: false; lockedUntil: number; retryAfterMs: number };

/**
 * Decides one rule. `failures` are failure times in ms since epoch (any order,
 * older ones are ignored), `now` in ms since epoch. Locked while at least
 * `rule.maxFailures` failures lie after `now - windowMs` (times after `now`,
 * e.g. from another process's clock, count too); the lock ends when enough of
 * them leave the window to bring the count below the maximum. Never throws.
 */
export function decideSignInThrottle(failures: readonly number[], now: number, rule: SignInFailureRule): SignInThrottleDecision {
  const inWindow = failures.filter((t) => now - t < rule.windowMs).sort((a, b) => a - b);
  if (inWindow.length < rule.maxFailures) return { allowed: true };
  // The lock ends when the failure at this index leaves the window: from then on fewer than maxFailures remain.
  const releasing = inWindow[inWindow.length - rule.maxFailures] ?? now;
  const lockedUntil = releasing + rule.windowMs;
  return { allowed: false, lockedUntil, retryAfterMs: lockedUntil - now };
}

/** Recent failure times (ms since epoch) for the email address and for the client IP of one sign-in attempt. */
export interface SignInFailureHistory {
  emailFailures: readonly number[];
  ipFailures: readonly number[];
}

/**
 * Checks both limits for one attempt at `now` (ms since epoch). Returns
 * normally when the password may be checked. Throws AppError RATE_LIMITED
 * ("Too many sign-in attempts. Try again in N minutes.", N rounded up, at
 * least 1) with `details: {retryAfterMs, lockedUntil, scope: "email" | "ip"}`
 * when either limit is reached; the later of two locks wins.
 */
export function assertSignInAllowed(history: SignInFailureHistory, now: number, limits: SignInThrottleLimits = DEFAULT_SIGN_IN_LIMITS): void {
  const byEmail = decideSignInThrottle(history.emailFailures, now, limits.perEmail);
  const byIp = decideSignInThrottle(history.ipFailures, now, limits.perIp);
  const locks = [
    byEmail.allowed ? null : { ...byEmail, scope: "email" as const },
    byIp.allowed ? null : { ...byIp, scope: "ip" as const },
  ].filter((lock) => lock !== null);
  if (locks.length === 0) return;
  const lock = locks.reduce((a, b) => (b.lockedUntil > a.lockedUntil ? b : a));
  throw signInRateLimitedError(lock.retryAfterMs, { lockedUntil: lock.lockedUntil, scope: lock.scope });
}

/**
 * The RATE_LIMITED error shown on the sign-in page: "Too many sign-in
 * attempts. Try again in N minutes." with N = `retryAfterMs` rounded up to
 * whole minutes (at least 1; "1 minute" in the singular). `details` gets
 * `retryAfterMs` plus `extra`.
 */
export function signInRateLimitedError(retryAfterMs: number, extra: Record<string, unknown> = {}): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new AppError("RATE_LIMITED", `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
    details: { retryAfterMs, ...extra },
  });
}

/**
 * Failures older than this instant (ms since epoch) can no longer lock
 * anything at `now` under `limits`, and may be deleted.
 */
export function signInFailuresPrunableBefore(now: number, limits: SignInThrottleLimits = DEFAULT_SIGN_IN_LIMITS): number {
  return now - Math.max(limits.perEmail.windowMs, limits.perIp.windowMs);
}
