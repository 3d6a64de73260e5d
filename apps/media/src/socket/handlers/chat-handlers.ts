/** chat:send, chat:delete, chat:ban, chat:history. */
import { chatHistory } from "../../chat/chat-history";
import { tipHistory } from "../../tips/tip-history";
import { banFromChat, deleteChatMessage } from "../../chat/moderate-chat";
import { sendChatMessage } from "../../chat/send-chat-message";
import { type SocketDeps } from "../context";
import { onRequest } from "../on-request";
import { type MediaSocket, showRoom } from "../rooms";

/** Registers the chat requests. Broadcasts go to the show room (all media nodes with the Redis adapter). */
export function registerChatHandlers(socket: MediaSocket, deps: SocketDeps): void {
  const { claims } = socket.data;
  const { db, io } = deps;
  const log = deps.logger.child({ eventId: claims.eventId, userId: claims.userId });
  const room = showRoom(claims.eventId);

  onRequest(socket, "chat:send", log, async ({ body }) => {
    const message = await sendChatMessage({ db, rates: deps.rateLimits }, claims, body);
    io.to(room).emit("chat:message", message);
    return { message };
  });
  onRequest(socket, "chat:delete", log, async ({ messageId }) => {
    await deleteChatMessage(db, claims, messageId);
    io.to(room).emit("chat:deleted", { messageId });
  });
  onRequest(socket, "chat:ban", log, async ({ userId }) => {
    await banFromChat(db, claims, userId);
    io.to(room).emit("chat:banned", { userId });
  });
  onRequest(socket, "chat:history", log, async () => {
    const [messages, tips] = await Promise.all([chatHistory(db, claims.eventId), tipHistory(db, claims.eventId)]);
    return { messages, tips };
  });
}
