import { describe, expect, it } from "vitest";
import {
  DEFAULT_PASSWORD_RESET_LIMIT,
  mayRequestPasswordReset,
  PASSWORD_RESET_TOKEN_TTL_MS,
  passwordResetExpiresAt,
  passwordResetLinkError,
  passwordResetLinkProblem,
} from "./password-reset";

const MIN = 60_000;
const T0 = Date.UTC(2031, 0, 1, 12, 0, 0);

describe("password reset rules", () => {
  it("a link lives one hour", () => {
    expect(PASSWORD_RESET_TOKEN_TTL_MS).toBe(60 * MIN);
    expect(passwordResetExpiresAt(T0)).toBe(T0 + 60 * MIN);
  });

  it("allows 3 requests per hour per account, counting only the last hour", () => {
    expect(mayRequestPasswordReset([], T0)).toBe(true);
    expect(mayRequestPasswordReset([T0 - 2 * MIN, T0 - MIN], T0)).toBe(true);
    expect(mayRequestPasswordReset([T0 - 2 * MIN, T0 - MIN, T0], T0)).toBe(false);
    expect(mayRequestPasswordReset([T0 - 60 * MIN, T0 - MIN, T0], T0)).toBe(true);
    expect(mayRequestPasswordReset([T0 - MIN], T0, { maxRequests: 1, windowMs: 10 * MIN })).toBe(false);
    expect(DEFAULT_PASSWORD_RESET_LIMIT).toEqual({ maxRequests: 3, windowMs: 60 * MIN });
  });

  it("says why a link cannot be used: unknown, used (wins) or expired", () => {
    expect(passwordResetLinkProblem(null, T0)).toBe("unknown");
    expect(passwordResetLinkProblem({ expiresAt: T0 + 1, usedAt: null }, T0)).toBeNull();
    expect(passwordResetLinkProblem({ expiresAt: T0, usedAt: null }, T0)).toBe("expired");
    expect(passwordResetLinkProblem({ expiresAt: T0 - 1, usedAt: T0 - 5 }, T0)).toBe("used");
  });

  it("the error is a 410 that tells the user to request a new link", () => {
    expect(passwordResetLinkError("expired")).toMatchObject({
      code: "TOKEN_EXPIRED",
      status: 410,
      message: "This password reset link has expired. Request a new one.",
      details: { reason: "expired" },
    });
  });

  it("tells apart an unknown and a used link", () => {
    expect(passwordResetLinkError("unknown")).toMatchObject({ message: "This password reset link is not valid. Request a new one.", details: { reason: "unknown" } });
    expect(passwordResetLinkError("used")).toMatchObject({ message: "This password reset link has already been used. Request a new one.", details: { reason: "used" } });
    expect(passwordResetLinkProblem({ expiresAt: T0 + MIN, usedAt: T0 - MIN }, T0)).toBe("used");
    expect(passwordResetExpiresAt(T0, 5 * MIN)).toBe(T0 + 5 * MIN);
  });
});
