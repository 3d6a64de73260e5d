"use client";
/** A <video> element showing a MediaStream (camera preview or program). */
import { useEffect, useRef } from "react";
import styles from "./media.module.css";

/** Props: the stream (null shows black), whether to mute (previews), an accessible label. */
export interface MediaVideoProps {
  stream: MediaStream | null;
  muted?: boolean;
  label: string;
  testId?: string;
}

/** Plays `stream` inline with autoplay; previews are muted and mirrored. */
export function MediaVideo({ stream, muted = false, label, testId }: MediaVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream) video.play().catch(() => undefined); // autoplay may need a click for unmuted audio
  }, [stream]);
  return <video ref={ref} className={styles.video} aria-label={label} data-testid={testId} autoPlay playsInline muted={muted} controls={!muted} />;
}
