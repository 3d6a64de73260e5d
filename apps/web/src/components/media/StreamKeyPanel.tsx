"use client";
/**
 * OBS/RTMP ingest settings for a performer: the server URL and the show's
 * stream key (hidden until revealed). In OBS: Settings → Stream → Service
 * "Custom…", Server = the ingest URL, Stream Key = the key.
 */
import { useState } from "react";
import styles from "./media.module.css";

/** Props: RTMP ingest URL (e.g. rtmp://host:1935/ingest) and the event's stream key. */
export function StreamKeyPanel({ ingestUrl, streamKey }: { ingestUrl: string; streamKey: string }) {
  const [shown, setShown] = useState(false);
  const copy = (text: string) => navigator.clipboard?.writeText(text).catch(() => undefined);
  return (
    <section className={styles.panel} aria-label="Stream from OBS">
      <h2>Stream from OBS</h2>
      <p className={styles.muted}>In OBS choose Settings → Stream → Custom, then paste these.</p>
      <div className={styles.row}>
        <span>Server:</span>
        <code className={styles.mono} data-testid="ingest-url">{ingestUrl}</code>
        <button type="button" className={styles.button} onClick={() => copy(ingestUrl)}>Copy</button>
      </div>
      <div className={styles.row}>
        <span>Stream key:</span>
        <code className={styles.mono} data-testid="stream-key">{shown ? streamKey : "•".repeat(16)}</code>
        <button type="button" className={styles.button} onClick={() => setShown((s) => !s)}>{shown ? "Hide" : "Show"}</button>
        <button type="button" className={styles.button} onClick={() => copy(streamKey)}>Copy</button>
      </div>
      <p className={styles.muted}>Keep the key secret: anyone with it can stream into this show.</p>
    </section>
  );
}
