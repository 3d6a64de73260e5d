import { describe, expect, it } from "vitest";
import { isAppError } from "../app-error";
import {
  assertSignInAllowed,
  decideSignInThrottle,
  DEFAULT_SIGN_IN_LIMITS,
  signInFailuresPrunableBefore,
  signInRateLimitedError,
  type SignInThrottleLimits,
} from "./sign-in-throttle";

const MIN = 60_000;
const T0 = Date.UTC(2031, 0, 1, 12, 0, 0);
const rule = { maxFailures: 5, windowMs: 15 * MIN };
/** `n` failures one minute apart, the last one at `last`. */
const failuresEndingAt = (n: number, last: number): number[] => Array.from({ length: n }, (_, i) => last - (n - 1 - i) * MIN);

function rateLimitOf(run: () => void): { message: string; details: { retryAfterMs: number; lockedUntil: number; scope: string } } {
  try {
    run();
  } catch (error) {
    if (isAppError(error) && error.code === "RATE_LIMITED") return { message: error.message, details: error.details as never };
    throw error;
  }
  throw new Error("expected RATE_LIMITED");
}

describe("decideSignInThrottle", () => {
  it("allows attempts while fewer than the maximum failures are in the window", () => {
    expect(decideSignInThrottle([], T0, rule)).toEqual({ allowed: true });
    expect(decideSignInThrottle(failuresEndingAt(4, T0), T0, rule)).toEqual({ allowed: true });
  });

  it("locks at the maximum until the oldest counted failure leaves the window", () => {
    const failures = failuresEndingAt(5, T0); // T0-4min ... T0
    expect(decideSignInThrottle(failures, T0, rule)).toEqual({ allowed: false, lockedUntil: T0 - 4 * MIN + 15 * MIN, retryAfterMs: 11 * MIN });
    expect(decideSignInThrottle(failures, T0 + 11 * MIN - 1, rule).allowed).toBe(false);
    expect(decideSignInThrottle(failures, T0 + 11 * MIN, rule)).toEqual({ allowed: true });
  });

  it("with more failures than the maximum, waits until enough have left the window", () => {
    const failures = failuresEndingAt(7, T0); // T0-6min ... T0
    const decision = decideSignInThrottle(failures, T0, rule);
    // The third oldest (T0-4min) must leave: then only 4 remain.
    expect(decision).toEqual({ allowed: false, lockedUntil: T0 + 11 * MIN, retryAfterMs: 11 * MIN });
  });

  it("ignores failures older than the window, in any order", () => {
    const old = failuresEndingAt(10, T0 - 15 * MIN);
    expect(decideSignInThrottle([...old, T0 - MIN, T0].reverse(), T0, rule)).toEqual({ allowed: true });
  });

  it("counts failures stamped slightly after now (another process's clock)", () => {
    expect(decideSignInThrottle(failuresEndingAt(5, T0 + 50), T0, rule).allowed).toBe(false);
  });
});

describe("assertSignInAllowed", () => {
  it("refuses the 6th attempt for one email with a message in whole minutes", () => {
    const locked = rateLimitOf(() => assertSignInAllowed({ emailFailures: failuresEndingAt(5, T0), ipFailures: [] }, T0 + 30_000));
    expect(locked.message).toBe("Too many sign-in attempts. Try again in 11 minutes.");
    expect(locked.details).toMatchObject({ scope: "email", retryAfterMs: 10.5 * MIN, lockedUntil: T0 + 11 * MIN });
  });

  it("says 1 minute in the singular and never 0 minutes", () => {
    const locked = rateLimitOf(() => assertSignInAllowed({ emailFailures: failuresEndingAt(5, T0), ipFailures: [] }, T0 + 11 * MIN - 5_000));
    expect(locked.message).toBe("Too many sign-in attempts. Try again in 1 minute.");
  });

  it("limits one IP across many email addresses with its own maximum", () => {
    const ipFailures = Array.from({ length: 20 }, (_, i) => T0 - i * 30_000); // 20 failures from one IP in 10 minutes, each for another email
    expect(() => assertSignInAllowed({ emailFailures: [], ipFailures: ipFailures.slice(1) }, T0)).not.toThrow();
    const locked = rateLimitOf(() => assertSignInAllowed({ emailFailures: [], ipFailures }, T0));
    expect(locked.details.scope).toBe("ip");
  });

  it("reports the later lock when both the email and the IP are locked", () => {
    const limits: SignInThrottleLimits = { perEmail: rule, perIp: { maxFailures: 3, windowMs: 60 * MIN } };
    const locked = rateLimitOf(() => assertSignInAllowed({ emailFailures: failuresEndingAt(5, T0), ipFailures: failuresEndingAt(3, T0) }, T0, limits));
    expect(locked.details).toMatchObject({ scope: "ip", lockedUntil: T0 - 2 * MIN + 60 * MIN });
    expect(locked.message).toBe("Too many sign-in attempts. Try again in 58 minutes.");
  });

  it("uses configured limits", () => {
    const strict: SignInThrottleLimits = { perEmail: { maxFailures: 2, windowMs: MIN }, perIp: DEFAULT_SIGN_IN_LIMITS.perIp };
    expect(() => assertSignInAllowed({ emailFailures: [T0 - 1_000, T0], ipFailures: [] }, T0, strict)).toThrow("Try again in 1 minute.");
    expect(() => assertSignInAllowed({ emailFailures: [T0 - 1_000, T0], ipFailures: [] }, T0 + MIN, strict)).not.toThrow();
  });
});

describe("helpers", () => {
  it("signInRateLimitedError is a 429 AppError", () => {
    const error = signInRateLimitedError(3 * MIN + 1);
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, message: "Too many sign-in attempts. Try again in 4 minutes." });
  });

  it("failures older than the longest window may be pruned", () => {
    const limits: SignInThrottleLimits = { perEmail: rule, perIp: { maxFailures: 20, windowMs: 30 * MIN } };
    expect(signInFailuresPrunableBefore(T0, limits)).toBe(T0 - 30 * MIN);
  });
});
