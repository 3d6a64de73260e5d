"use client";
/** A banner for connection trouble: media server unavailable/recovering, socket reconnecting, errors. */
import type { MediaSessionState } from "./use-media-session";
import styles from "./media.module.css";

/** Shows at most one banner, the most important first; nothing when all is well or after a takeover. */
export function MediaStatusBanner({ state }: { state: MediaSessionState }) {
  // After a takeover the page shows its own notice with a "watch here instead" action.
  if (state.takenOver) return null;
  let text: string | null = null;
  let error = false;
  if (state.phase === "reconnecting") {
    text = "Connection lost. Reconnecting…";
  } else if (state.phase === "closed" && state.error) {
    text = state.error;
    error = true;
  } else if (state.media?.status === "unavailable") {
    text = `Media server unavailable: ${state.media.message}`;
    error = true;
  } else if (state.media?.status === "recovering") {
    text = `Media server restarting: ${state.media.message}`;
  } else if (state.error) {
    text = state.error;
  }
  if (!text) return null;
  return (
    <div role="status" data-testid="media-status" className={error ? styles.bannerError : styles.banner}>
      {text}
    </div>
  );
}
