"use client";
/**
 * The watch page's HLS branch: renders the HLS overflow player
 * (components/hls/HlsPlayer) with the routing reply of mode "hls"
 * (`{url, expiresAt, edges, replay?}`: with `replay`, a VOD playlist), parsed
 * by watch-route.ts; the player renews its signed URL through the same
 * routing endpoint (renewHlsSource).
 */
import type { HlsWatchRoute } from "@limelight/contracts";
import { HlsPlayer } from "@/components/hls/HlsPlayer";
import { renewHlsSource } from "./watch-route";

/** Props: the event and its routing reply of mode "hls". */
export interface HlsSlotProps {
  eventId: string;
  route: HlsWatchRoute;
}

/** Renders the HLS player for an overflow viewer. */
export function HlsSlot({ eventId, route }: HlsSlotProps) {
  return (
    <HlsPlayer
      url={route.url}
      expiresAt={route.expiresAt}
      edges={route.edges}
      renew={() => renewHlsSource(eventId)}
      vod={route.replay !== undefined}
      title={route.replay ? "Replay" : "Live show"}
    />
  );
}
