/**
 * Rate-limit rules of the media service's socket requests (enforced by
 * apps/media/src/limits/rate-limits.ts with rate-limiter-flexible).
 */

/** A limit of `max` actions per `windowMs` milliseconds. */
export interface RateLimitRule {
  max: number;
  windowMs: number;
}

/** Chat: 5 messages per 10 s per user. */
export const CHAT_RATE_LIMIT: RateLimitRule = { max: 5, windowMs: 10_000 };

/** SDP offers (host:publish, viewer:watch): 10 per 10 s per socket; each one creates a WebRtcEndpoint on the media server. */
export const NEGOTIATION_RATE_LIMIT: RateLimitRule = { max: 10, windowMs: 10_000 };
