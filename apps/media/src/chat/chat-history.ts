/** The last messages of a show's chat. */
import { type Db } from "@limelight/db";
import { type ChatMessageView } from "@limelight/contracts";
import { toChatView } from "./chat-views";

/** Up to `limit` (default 50) non-deleted messages of the event, oldest first. Roles: host if an EventHost, else viewer. */
export async function chatHistory(db: Db, eventId: string, limit = 50): Promise<ChatMessageView[]> {
  const rows = await db.chatMessage.findMany({
    where: { eventId, deletedAt: null },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { user: { select: { name: true, role: true } } },
  });
  const hosts = new Set((await db.eventHost.findMany({ where: { eventId }, select: { userId: true } })).map((h) => h.userId));
  return rows.reverse().map((r) => toChatView(r, hosts.has(r.userId) ? "host" : r.user.role === "admin" ? "admin" : "viewer"));
}
