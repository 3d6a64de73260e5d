/** ChatMessage rows as clients see them. */
import { type ChatMessageView, type ShowRoleName } from "@limelight/contracts";

/** Maps a ChatMessage row (with its author's name) to the client view. */
export function toChatView(row: { id: string; eventId: string; userId: string; body: string; createdAt: Date; user: { name: string } }, role: ShowRoleName): ChatMessageView {
  return { id: row.id, eventId: row.eventId, userId: row.userId, name: row.user.name, role, body: row.body, createdAt: row.createdAt.toISOString() };
}
