/**
 * Sending a chat message: ticket holders (checked at connect), hosts and
 * admins; banned users are refused; at most CHAT_RATE_LIMIT per user.
 */
import { type AccessClaims } from "@limelight/access-token";
import { type Db } from "@limelight/db";
import { AppError } from "@limelight/domain";
import { CHAT_RATE_LIMIT, type RateLimitRule, takeRateLimit } from "@limelight/domain/show/rate-limit";
import { requireShowAction } from "@limelight/domain/show/show-permissions";
import { type ChatMessageView } from "@limelight/media-protocol";
import { toChatView } from "./chat-views";

/** Senders tracked before idle ones are pruned. */
const MAX_TRACKED_SENDERS = 10_000;

function pruneRates(rates: ChatRateState, now: number, windowMs: number): void {
  for (const [key, times] of rates) if (times.every((t) => now - t >= windowMs)) rates.delete(key);
}

/** Recent send times per user (ms since epoch), kept by the caller across calls. */
export type ChatRateState = Map<string, number[]>;

/**
 * Persists the message and returns its view (the caller broadcasts it).
 * Throws FORBIDDEN (banned), RATE_LIMITED (details.retryAfterMs).
 */
export async function sendChatMessage(
  deps: { db: Db; rates: ChatRateState; rule?: RateLimitRule; now?: () => number },
  claims: AccessClaims,
  body: string,
): Promise<ChatMessageView> {
  requireShowAction(claims.role, "chat");
  const ban = await deps.db.chatBan.findUnique({ where: { eventId_userId: { eventId: claims.eventId, userId: claims.userId } } });
  if (ban) throw new AppError("FORBIDDEN", "You are banned from this chat");
  const key = `${claims.eventId}:${claims.userId}`;
  const now = (deps.now ?? Date.now)();
  const rule = deps.rule ?? CHAT_RATE_LIMIT;
  const kept = takeRateLimit(deps.rates.get(key) ?? [], now, rule);
  deps.rates.set(key, kept);
  if (deps.rates.size > MAX_TRACKED_SENDERS) pruneRates(deps.rates, now, rule.windowMs);
  const row = await deps.db.chatMessage.create({
    data: { eventId: claims.eventId, userId: claims.userId, body },
    include: { user: { select: { name: true } } },
  });
  return toChatView(row, claims.role);
}
