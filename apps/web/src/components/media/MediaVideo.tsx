"use client";
/**
 * A <video> element showing a MediaStream (camera preview or program).
 * When the browser refuses unmuted autoplay (no user gesture yet), the video
 * starts muted and offers an "Unmute" button instead of staying paused.
 */
import { useEffect, useRef, useState } from "react";
import styles from "./media.module.css";

/** Props: the stream (null shows black), whether to keep it muted (previews, host program), an accessible label. */
export interface MediaVideoProps {
  stream: MediaStream | null;
  muted?: boolean;
  label: string;
  testId?: string;
}

/** Plays `stream` inline with autoplay. */
export function MediaVideo({ stream, muted = false, label, testId }: MediaVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const [autoMuted, setAutoMuted] = useState(false);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream) return;
    video.muted = muted;
    video.play().catch(() => {
      // Autoplay policy: retry muted, let the viewer unmute with a click.
      if (muted) return;
      video.muted = true;
      setAutoMuted(true);
      video.play().catch(() => undefined);
    });
  }, [stream, muted]);
  const unmute = () => {
    const video = ref.current;
    if (!video) return;
    video.muted = false;
    setAutoMuted(false);
    video.play().catch(() => undefined);
  };
  return (
    <div>
      <video ref={ref} className={styles.video} aria-label={label} data-testid={testId} autoPlay playsInline muted={muted} controls={!muted} />
      {autoMuted && (
        <button type="button" className={`${styles.button} ${styles.primary}`} onClick={unmute}>
          Unmute
        </button>
      )}
    </div>
  );
}
