"use client";
/**
 * Show chat: messages, a send box, and for hosts/admins delete and ban
 * buttons on other people's messages. Errors (rate limit, banned) are shown
 * under the box.
 */
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { MAX_CHAT_LENGTH } from "@limelight/contracts";
import type { ChatClient } from "./chat-client";
import { formatTime } from "./format";
import { describeRequestError } from "./media-connection";
import styles from "./media.module.css";

/** Props: the chat client (null while connecting), the user's id, moderation rights. */
export interface ChatPanelProps {
  chat: ChatClient | null;
  selfUserId: string | null;
  canModerate: boolean;
}

const empty = { messages: [], tips: [], banned: [] };
const noop = () => () => undefined;

/** The chat panel. */
export function ChatPanel({ chat, selfUserId, canModerate }: ChatPanelProps) {
  const snapshot = useSyncExternalStore(chat ? chat.subscribe : noop, chat ? chat.snapshot : () => empty, () => empty);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chat || !body.trim()) return;
    setBusy(true);
    try {
      await chat.send(body.trim());
      setBody("");
      setError(null);
    } catch (e) {
      setError(describeRequestError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const moderate = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError(describeRequestError(e).message);
    }
  };

  return (
    <section className={styles.panel} aria-label="Chat">
      <h2>Chat</h2>
      <ul className={styles.list} data-testid="chat-messages">
        {snapshot.messages.length === 0 && <li className={styles.muted}>No messages yet.</li>}
        {snapshot.messages.map((m) => (
          <li key={m.id} className={styles.chatItem} data-testid="chat-message">
            <span className={styles.muted}>{formatTime(m.createdAt)}</span>
            <strong>{m.name}{m.role !== "viewer" ? ` (${m.role})` : ""}:</strong>
            <span>{m.body}</span>
            {canModerate && m.userId !== selfUserId && (
              <>
                <button type="button" className={`${styles.button} ${styles.small}`} onClick={() => moderate(() => chat!.remove(m.id))} aria-label={`Delete message from ${m.name}`}>
                  Delete
                </button>
                {m.role === "viewer" && (
                  <button type="button" className={`${styles.button} ${styles.small}`} onClick={() => moderate(() => chat!.ban(m.userId))} aria-label={`Ban ${m.name}`}>
                    Ban
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className={styles.row}>
        <input
          aria-label="Chat message"
          value={body}
          maxLength={MAX_CHAT_LENGTH}
          onChange={(e) => setBody(e.target.value)}
          placeholder={chat ? "Say something" : "Chat is not connected"}
          disabled={!chat}
          className={styles.grow}
        />
        <button type="submit" className={`${styles.button} ${styles.primary}`} disabled={!chat || busy || !body.trim()}>
          Send
        </button>
      </form>
      {error && (
        <p role="alert" className={styles.muted}>
          {error}
        </p>
      )}
    </section>
  );
}
