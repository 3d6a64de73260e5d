/** Chat moderation by hosts and admins: delete a message, ban a user from a show's chat. */
import { type AccessClaims } from "@limelight/access-token";
import { type Db } from "@limelight/db";
import { AppError } from "@limelight/domain";
import { requireShowAction } from "@limelight/domain/show/show-permissions";

/** Marks a message deleted (deletedAt, deletedById). Throws FORBIDDEN, NOT_FOUND (not in this show). */
export async function deleteChatMessage(db: Db, claims: AccessClaims, messageId: string): Promise<void> {
  requireShowAction(claims.role, "moderate");
  const found = await db.chatMessage.findFirst({ where: { id: messageId, eventId: claims.eventId } });
  if (!found) throw new AppError("NOT_FOUND", "No such message in this show");
  if (!found.deletedAt) await db.chatMessage.update({ where: { id: messageId }, data: { deletedAt: new Date(), deletedById: claims.userId } });
}

/** Bans `userId` from this show's chat (idempotent). Throws FORBIDDEN (not a moderator, or banning a host/oneself), NOT_FOUND. */
export async function banFromChat(db: Db, claims: AccessClaims, userId: string): Promise<void> {
  requireShowAction(claims.role, "moderate");
  if (userId === claims.userId) throw new AppError("FORBIDDEN", "You cannot ban yourself");
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  const isHost = await db.eventHost.findUnique({ where: { eventId_userId: { eventId: claims.eventId, userId } } });
  if (isHost) throw new AppError("FORBIDDEN", "Hosts cannot be banned");
  await db.chatBan.upsert({
    where: { eventId_userId: { eventId: claims.eventId, userId } },
    create: { eventId: claims.eventId, userId, bannedById: claims.userId },
    update: {},
  });
}
