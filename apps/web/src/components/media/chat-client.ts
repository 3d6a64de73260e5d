/**
 * Chat of one show over the media service's socket: history (messages and tips) on (re)connect,
 * live messages, moderator deletes and bans, and confirmed tips.
 * Keeps the visible lists in a small store for React's useSyncExternalStore.
 *
 * Events (`@limelight/contracts`): `chat:history`, `chat:send`,
 * `chat:delete`, `chat:ban` (requests); `chat:message`, `chat:deleted`,
 * `chat:banned`, `tip` (server events).
 */
import type { ChatMessageView, TipView } from "@limelight/contracts";
import { onServerEvent, request, type MediaSocket } from "./media-connection";

/** Max messages kept in memory (oldest dropped first). */
export const CHAT_KEEP = 200;

/** What the chat UI renders. */
export interface ChatSnapshot {
  /** Messages, oldest first, deleted ones removed. */
  messages: ChatMessageView[];
  /** Confirmed tips, newest first. */
  tips: TipView[];
  /** User ids banned during this session (hosts see them). */
  banned: string[];
}

/** A chat connection for one socket. */
export interface ChatClient {
  /** Current snapshot (same object until something changes). */
  snapshot(): ChatSnapshot;
  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Sends a message (1..500 characters); throws MediaRequestError (RATE_LIMITED, FORBIDDEN when banned, ...). */
  send(body: string): Promise<void>;
  /** Host/admin: deletes a message for everyone. Throws MediaRequestError. */
  remove(messageId: string): Promise<void>;
  /** Host/admin: bans a user from this show's chat. Throws MediaRequestError. */
  ban(userId: string): Promise<void>;
  /** Stops listening to the socket. */
  close(): void;
}

/** Attaches a chat client to `socket`; loads history now and after every reconnect. */
export function createChatClient(socket: MediaSocket): ChatClient {
  let state: ChatSnapshot = { messages: [], tips: [], banned: [] };
  const listeners = new Set<() => void>();
  const set = (next: ChatSnapshot) => {
    state = next;
    listeners.forEach((l) => l());
  };

  const onMessage = (message: ChatMessageView) => {
    if (state.messages.some((m) => m.id === message.id)) return;
    set({ ...state, messages: [...state.messages, message].slice(-CHAT_KEEP) });
  };
  const onDeleted = ({ messageId }: { messageId: string }) =>
    set({ ...state, messages: state.messages.filter((m) => m.id !== messageId) });
  const onBanned = ({ userId }: { userId: string }) =>
    set({
      ...state,
      banned: state.banned.includes(userId) ? state.banned : [...state.banned, userId],
      messages: state.messages.filter((m) => m.userId !== userId),
    });
  const onTip = (tip: TipView) => {
    if (state.tips.some((t) => t.id === tip.id)) return;
    set({ ...state, tips: [tip, ...state.tips].slice(0, CHAT_KEEP) });
  };
  const loadHistory = () => {
    request(socket, "chat:history", {}).then(
      ({ messages, tips }) => {
        // Tips that arrived live while the history was loading are kept; newest first.
        const live = state.tips.filter((t) => !tips.some((h) => h.id === t.id));
        const merged = [...live, ...tips].sort((a, b) => b.confirmedAt.localeCompare(a.confirmedAt)).slice(0, CHAT_KEEP);
        set({ ...state, messages: messages.slice(-CHAT_KEEP), tips: merged });
      },
      () => undefined, // history is best effort; live messages still arrive
    );
  };

  const stopListening = [
    onServerEvent(socket, "chat:message", onMessage),
    onServerEvent(socket, "chat:deleted", onDeleted),
    onServerEvent(socket, "chat:banned", onBanned),
    onServerEvent(socket, "tip", onTip),
  ];
  socket.on("connect", loadHistory);
  if (socket.connected) loadHistory();

  return {
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async send(body) {
      const { message } = await request(socket, "chat:send", { body });
      onMessage(message);
    },
    async remove(messageId) {
      await request(socket, "chat:delete", { messageId });
      onDeleted({ messageId });
    },
    async ban(userId) {
      await request(socket, "chat:ban", { userId });
      onBanned({ userId });
    },
    close() {
      for (const stop of stopListening) stop();
      socket.off("connect", loadHistory);
      listeners.clear();
    },
  };
}
