/**
 * What the sign-in page tells a user whose attempt was throttled, with no
 * framework import (so it is usable from tests and server components alike).
 */
import { isAppError } from "@limelight/domain";

/** The `code` Auth.js puts into the sign-in page's query string for a throttled attempt (CredentialsSignin `code`). */
export const RATE_LIMITED_SIGN_IN_CODE = "rate_limited";

/** Shown when only the code is known (a redirect from /api/auth): the wait in minutes travels with the form action only. */
export const RATE_LIMITED_SIGN_IN_FALLBACK = "Too many sign-in attempts. Try again in a few minutes.";

/** A throttled attempt as the form shows it: the message and the wait in ms (undefined when unknown). */
export interface ThrottledSignIn {
  message: string;
  retryAfterMs: number | undefined;
}

/**
 * `{message, retryAfterMs}` when `error` is AppError RATE_LIMITED (as thrown
 * by signInWithThrottle, message "Too many sign-in attempts. Try again in N
 * minutes."), else null.
 */
export function throttledSignInOf(error: unknown): ThrottledSignIn | null {
  if (!isAppError(error) || error.code !== "RATE_LIMITED") return null;
  const details: unknown = error.details;
  const retryAfterMs = details && typeof details === "object" && "retryAfterMs" in details && typeof details.retryAfterMs === "number" ? details.retryAfterMs : undefined;
  return { message: error.message, retryAfterMs };
}

/**
 * The message for the sign-in page's query string after an Auth.js redirect
 * (`?error=CredentialsSignin&code=rate_limited`, e.g. from a POST to
 * /api/auth/callback/credentials): the throttling message, "Wrong email or
 * password" for other CredentialsSignin codes, null when there is no such error.
 */
export function signInRedirectMessage(error: unknown, code: unknown): string | null {
  if (error !== "CredentialsSignin") return null;
  return code === RATE_LIMITED_SIGN_IN_CODE ? RATE_LIMITED_SIGN_IN_FALLBACK : "Wrong email or password";
}
