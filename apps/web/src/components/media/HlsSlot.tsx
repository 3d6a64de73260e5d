"use client";
/**
 * Integration point for the HLS overflow player (components/hls/HlsPlayer,
 * owned by the HLS work). Receives the routing response of mode "hls".
 * Until that player is wired here, it tells the viewer the show is full on
 * WebRTC and offers a retry.
 */

/** Props: the routing response (signed playlist URL and extra fields) and a retry handler. */
export interface HlsSlotProps {
  eventId: string;
  url: string;
  raw: Record<string, unknown>;
  onRetry: () => void;
}

/** Renders the HLS player for an overflow viewer. */
export function HlsSlot({ onRetry }: HlsSlotProps) {
  return (
    <div role="status">
      <p>This show is at WebRTC capacity and the HLS player is not available on this server.</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
