/**
 * How a throttled sign-in travels through Auth.js (next-auth v5): `authorize`
 * throws a `CredentialsSignin` subclass, which Auth.js passes through
 * unchanged. Server-side `signIn()` (our form action) rethrows it as is, so the
 * action can show its message; a POST to /api/auth/callback/credentials
 * redirects to `/signin?error=CredentialsSignin&code=rate_limited`.
 * Docs: https://authjs.dev/getting-started/providers/credentials#custom-error-messages
 */
import { CredentialsSignin } from "next-auth";
import { RATE_LIMITED_SIGN_IN_CODE, RATE_LIMITED_SIGN_IN_FALLBACK, throttledSignInOf } from "./sign-in-messages";

/**
 * Thrown from Credentials `authorize` when sign-in is throttled.
 * `code` is "rate_limited"; `userMessage` is the AppError RATE_LIMITED message
 * ("Too many sign-in attempts. Try again in N minutes."); `retryAfterMs` is
 * the wait in ms (undefined when unknown).
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = RATE_LIMITED_SIGN_IN_CODE;
  readonly userMessage: string;
  readonly retryAfterMs: number | undefined;

  constructor(userMessage: string, retryAfterMs?: number) {
    super(userMessage);
    this.userMessage = userMessage;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Runs `authorize` and turns AppError RATE_LIMITED into SignInRateLimited;
 * other errors propagate unchanged (Auth.js reports them as a failed sign-in
 * and logs them).
 */
export async function rethrowThrottleForAuthJs<T>(authorize: () => Promise<T>): Promise<T> {
  try {
    return await authorize();
  } catch (error) {
    const throttled = throttledSignInOf(error);
    if (throttled) throw new SignInRateLimited(throttled.message, throttled.retryAfterMs);
    throw error;
  }
}

/**
 * The message for a sign-in error thrown by Auth.js's `signIn()`: the
 * throttling message for SignInRateLimited (also when it arrives as another
 * copy of the class, matched by `code`), null for anything else.
 */
export function throttleMessageOf(error: unknown): string | null {
  if (error instanceof SignInRateLimited) return error.userMessage;
  if (error instanceof CredentialsSignin && error.code === RATE_LIMITED_SIGN_IN_CODE) {
    return "userMessage" in error && typeof error.userMessage === "string" ? error.userMessage : RATE_LIMITED_SIGN_IN_FALLBACK;
  }
  return null;
}
