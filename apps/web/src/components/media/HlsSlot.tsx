"use client";
/**
 * The watch page's HLS branch: renders the HLS overflow player
 * (components/hls/HlsPlayer) with the routing response of mode "hls"
 * (`{url, expiresAt, edges, replay?}`: with `replay`, a VOD playlist); the
 * player renews its signed URL through the same routing endpoint. A malformed
 * response shows a retry button.
 */
import { z } from "zod";
import { HlsPlayer } from "@/components/hls/HlsPlayer";
import styles from "./media.module.css";

/** Props: the event, the routing response (signed playlist URL and extra fields) and a retry handler. */
export interface HlsSlotProps {
  eventId: string;
  url: string;
  raw: Record<string, unknown>;
  onRetry: () => void;
}

const extraSchema = z.object({ expiresAt: z.number(), edges: z.array(z.string()).default([]), replay: z.object({ availableUntil: z.number() }).optional() });

/** Renders the HLS player for an overflow viewer. */
export function HlsSlot({ eventId, url, raw, onRetry }: HlsSlotProps) {
  const extra = extraSchema.safeParse(raw);
  if (!extra.success) {
    return (
      <div role="alert">
        <p>The HLS stream could not be opened.</p>
        <button type="button" className={styles.button} onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <HlsPlayer
      url={url}
      expiresAt={extra.data.expiresAt}
      edges={extra.data.edges}
      renewUrl={`/api/watch/${encodeURIComponent(eventId)}`}
      vod={extra.data.replay !== undefined}
      title={extra.data.replay ? "Replay" : "Live show"}
    />
  );
}
