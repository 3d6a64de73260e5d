"use client";
/** Confirmed tips as they arrive in the show (newest first). */
import { useSyncExternalStore } from "react";
import type { ChatClient } from "./chat-client";
import { formatMoney } from "@limelight/domain/events/money";
import { formatTime } from "./format";
import styles from "./media.module.css";

const empty = { messages: [], tips: [], banned: [] };
const noop = () => () => undefined;

/** Lists the tips received through `chat` with their total. */
export function TipsFeed({ chat }: { chat: ChatClient | null }) {
  const { tips } = useSyncExternalStore(chat ? chat.subscribe : noop, chat ? chat.snapshot : () => empty, () => empty);
  const currency = tips[0]?.currency ?? "usd";
  const total = tips.filter((t) => t.currency === currency).reduce((sum, t) => sum + t.amountCents, 0);
  return (
    <section className={styles.panel} aria-label="Tips">
      <h2>Tips {tips.length > 0 && <span className={styles.muted}>({formatMoney(total, currency)} this session)</span>}</h2>
      {tips.length === 0 && <p className={styles.muted}>No tips yet.</p>}
      <ul className={styles.list}>
        {tips.map((t) => (
          <li key={t.id} data-testid="tip">
            <span className={styles.muted}>{formatTime(t.confirmedAt)}</span> <strong>{t.name}</strong> tipped {formatMoney(t.amountCents, t.currency)}
            {t.message ? `: “${t.message}”` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
