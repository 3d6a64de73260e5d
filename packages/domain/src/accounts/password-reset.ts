/**
 * Password reset rules, pure: how long a reset link lives, how many links one
 * account may request per window, and whether a stored link may still be
 * used. Times are ms since epoch; durations are ms. No I/O.
 */
import { AppError } from "../app-error";

/** Lifetime of a password reset link: 1 hour, in ms. */
export const PASSWORD_RESET_TOKEN_TTL_MS = 60 * 60_000;

/** At most `maxRequests` reset links per account within `windowMs` ms (both positive integers). */
export interface PasswordResetRequestLimit {
  maxRequests: number;
  windowMs: number;
}

/** Default: 3 reset links per account per hour. */
export const DEFAULT_PASSWORD_RESET_LIMIT: PasswordResetRequestLimit = { maxRequests: 3, windowMs: 60 * 60_000 };

/** When a link created at `now` (ms since epoch) stops working, ms since epoch. */
export function passwordResetExpiresAt(now: number, ttlMs: number = PASSWORD_RESET_TOKEN_TTL_MS): number {
  return now + ttlMs;
}

/**
 * True when one more reset link may be sent at `now`: fewer than
 * `limit.maxRequests` earlier requests (`earlier`: creation times in ms since
 * epoch, any order; older ones are ignored, times slightly after `now` from
 * another process's clock count) lie within the last `limit.windowMs`.
 * A refused request is answered like any other and sends nothing.
 */
export function mayRequestPasswordReset(
  earlier: readonly number[],
  now: number,
  limit: PasswordResetRequestLimit = DEFAULT_PASSWORD_RESET_LIMIT,
): boolean {
  return earlier.filter((t) => now - t < limit.windowMs).length < limit.maxRequests;
}

/** Why a reset link cannot be used: nothing matches it, it is past expiresAt, or it was used (or replaced by a reset). */
export type PasswordResetLinkProblem = "unknown" | "expired" | "used";

/**
 * The state of a stored reset link at `now` (ms since epoch): null when it
 * may be used, else the problem. `expiresAt` / `usedAt` in ms since epoch
 * (`usedAt` null while unused). Used wins over expired. Never throws.
 */
export function passwordResetLinkProblem(link: { expiresAt: number; usedAt: number | null } | null, now: number): PasswordResetLinkProblem | null {
  if (!link) return "unknown";
  if (link.usedAt !== null) return "used";
  if (now >= link.expiresAt) return "expired";
  return null;
}

const PROBLEM_MESSAGES: Record<PasswordResetLinkProblem, string> = {
  unknown: "This password reset link is not valid. Request a new one.",
  expired: "This password reset link has expired. Request a new one.",
  used: "This password reset link has already been used. Request a new one.",
};

/**
 * The AppError TOKEN_EXPIRED (HTTP 410) shown for an unusable reset link, with
 * a message per problem (each ends "Request a new one.") and `details: {reason}`.
 */
export function passwordResetLinkError(problem: PasswordResetLinkProblem): AppError {
  return new AppError("TOKEN_EXPIRED", PROBLEM_MESSAGES[problem], { details: { reason: problem } });
}
