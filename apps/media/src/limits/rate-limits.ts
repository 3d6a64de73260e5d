/**
 * Rate limits of socket requests, shared by every media node through Redis
 * (rate-limiter-flexible's RateLimiterRedis: one atomic counter per key and
 * window, https://github.com/animir/node-rate-limiter-flexible/wiki/Redis),
 * or per process (RateLimiterMemory) when this node has no Redis
 * (development). When Redis is unreachable the limiter falls back to memory
 * (insuranceLimiter), so limits still hold per node.
 * Rules come from @limelight/domain (CHAT_RATE_LIMIT, NEGOTIATION_RATE_LIMIT);
 * windows are fixed windows of `windowMs`.
 */
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@limelight/domain";
import { CHAT_RATE_LIMIT, NEGOTIATION_RATE_LIMIT, type RateLimitRule } from "@limelight/domain/show/rate-limit";

/** What is limited: chat messages per user and show, SDP offers per user and show. */
export type RateLimitKind = "chat" | "negotiation";

/** Takes one action from a key's budget. */
export interface RateLimits {
  /** Resolves when allowed; throws AppError RATE_LIMITED (details.retryAfterMs) when the budget is spent. */
  take(kind: RateLimitKind, key: string): Promise<void>;
}

const RULES: Record<RateLimitKind, RateLimitRule> = { chat: CHAT_RATE_LIMIT, negotiation: NEGOTIATION_RATE_LIMIT };

/** rate-limiter-flexible limiters per kind, on Redis (node-redis client) or in memory. */
export class FlexibleRateLimits implements RateLimits {
  private readonly limiters: Record<RateLimitKind, RateLimiterAbstract>;

  /** `redis`: a connected node-redis client shared by all nodes, or null for per-process memory. */
  constructor(redis: unknown | null, options: { keyPrefix?: string; rules?: Partial<Record<RateLimitKind, RateLimitRule>> } = {}) {
    const make = (kind: RateLimitKind): RateLimiterAbstract => {
      const rule = options.rules?.[kind] ?? RULES[kind];
      const base = { points: rule.max, duration: Math.max(1, Math.round(rule.windowMs / 1000)), keyPrefix: `${options.keyPrefix ?? "limelight:rl"}:${kind}` };
      if (!redis) return new RateLimiterMemory(base);
      return new RateLimiterRedis({ ...base, storeClient: redis, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(base) });
    };
    this.limiters = { chat: make("chat"), negotiation: make("negotiation") };
  }

  async take(kind: RateLimitKind, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const rule = RULES[kind];
      const retryAfterMs = rejection.msBeforeNext;
      throw new AppError("RATE_LIMITED", `Slow down: at most ${rule.max} per ${rule.windowMs / 1000} s; retry in ${Math.ceil(retryAfterMs / 1000)} s`, { details: { retryAfterMs } });
    }
  }
}
