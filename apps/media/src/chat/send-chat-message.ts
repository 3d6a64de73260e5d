/**
 * Sending a chat message: ticket holders (checked at connect), hosts and
 * admins; banned users are refused; at most CHAT_RATE_LIMIT per user and
 * show across all media nodes (RateLimits).
 */
import { type AccessClaims } from "@limelight/access-token";
import { type Db } from "@limelight/db";
import { AppError } from "@limelight/domain";
import { requireShowAction } from "@limelight/domain/show/show-permissions";
import { type ChatMessageView } from "@limelight/contracts";
import { toChatView } from "./chat-views";
import { type RateLimits } from "../limits/rate-limits";

/**
 * Persists the message and returns its view (the caller broadcasts it).
 * Throws FORBIDDEN (banned), RATE_LIMITED (details.retryAfterMs).
 */
export async function sendChatMessage(
  deps: { db: Db; rates: RateLimits },
  claims: AccessClaims,
  body: string,
): Promise<ChatMessageView> {
  requireShowAction(claims.role, "chat");
  const ban = await deps.db.chatBan.findUnique({ where: { eventId_userId: { eventId: claims.eventId, userId: claims.userId } } });
  if (ban) throw new AppError("FORBIDDEN", "You are banned from this chat");
  await deps.rates.take("chat", `${claims.eventId}:${claims.userId}`);
  const row = await deps.db.chatMessage.create({
    data: { eventId: claims.eventId, userId: claims.userId, body },
    include: { user: { select: { name: true } } },
  });
  return toChatView(row, claims.role);
}
