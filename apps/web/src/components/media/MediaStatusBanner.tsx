"use client";
/**
 * A banner for connection trouble: media server unavailable/recovering, the
 * show being rebuilt, socket reconnecting, access revoked, errors, and (hosts)
 * an encoder that stopped sending.
 */
import { formatTime } from "./format";
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
  } else if (state.recovering && !state.ended) {
    text = `The show lost its media server (${state.recovering}). Reconnecting…`;
  } else if (state.error) {
    text = state.error;
  } else if (state.encoder?.status === "gone" && !state.ended) {
    text = `Your encoder stopped sending at ${formatTime(state.encoder.goneAt)}. The show ends by itself at ${formatTime(state.encoder.endsAt)} unless it streams again.`;
    error = true;
  }
  if (!text) return null;
  return (
    <div role="status" data-testid="media-status" className={error ? styles.bannerError : styles.banner}>
      {text}
    </div>
  );
}
