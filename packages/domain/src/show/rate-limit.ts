/**
 * Sliding-window rate limit, pure: the caller keeps the timestamps (ms since
 * epoch) of a user's recent actions and asks whether one more is allowed.
 */
import { AppError } from "../app-error";

/** A limit of `max` actions per `windowMs` milliseconds. */
export interface RateLimitRule {
  max: number;
  windowMs: number;
}

/** Chat: 5 messages per 10 s per user. */
export const CHAT_RATE_LIMIT: RateLimitRule = { max: 5, windowMs: 10_000 };

/** SDP offers (host:publish, viewer:watch): 10 per 10 s per socket; each one creates a WebRtcEndpoint on the media server. */
export const NEGOTIATION_RATE_LIMIT: RateLimitRule = { max: 10, windowMs: 10_000 };

/**
 * Returns the timestamps to keep after recording an action at `now`.
 * Throws AppError RATE_LIMITED (details.retryAfterMs) when `rule.max` actions
 * already happened in the last `rule.windowMs`.
 */
export function takeRateLimit(recent: readonly number[], now: number, rule: RateLimitRule = CHAT_RATE_LIMIT): number[] {
  const inWindow = recent.filter((t) => now - t < rule.windowMs);
  if (inWindow.length >= rule.max) {
    const oldest = Math.min(...inWindow);
    const retryAfterMs = rule.windowMs - (now - oldest);
    throw new AppError("RATE_LIMITED", `Slow down: at most ${rule.max} per ${rule.windowMs / 1000} s; retry in ${Math.ceil(retryAfterMs / 1000)} s`, { details: { retryAfterMs } });
  }
  return [...inWindow, now];
}
