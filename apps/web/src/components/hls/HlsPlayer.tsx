"use client";
/**
 * The watch page's HLS player (overflow viewers): hls.js with low-latency
 * live settings, error recovery, token renewal before expiry, failover to
 * another edge on a fatal network error, and a "behind live" indicator with
 * a button that jumps back to live. Logic in ./hls-controller.ts.
 */
import { useEffect, useRef, useState } from "react";
import type { HlsConfig } from "hls.js";
import { HlsController, type HlsPlaybackState } from "./hls-controller";
import type { HlsSource } from "./signed-source";

/** Props of HlsPlayer. */
export interface HlsPlayerProps {
  /** Signed master playlist URL (routing response `url`). */
  url: string;
  /** Expiry of `url`, Unix time in ms (routing response `expiresAt`). */
  expiresAt: number;
  /** Signed URLs of the same show on other edges, for failover (routing response `edges`); default none. */
  edges?: string[];
  /** Gets a fresh signed source before expiry or when every edge failed (the watch page: renewHlsSource, the routing endpoint with `{"mode":"hls"}`). */
  renew: () => Promise<HlsSource>;
  /** Accessible label of the video; default "Live show". */
  title?: string;
  /** Reports every playback state change (status, behind-live seconds, edge, ...). */
  onStateChange?: (state: HlsPlaybackState) => void;
  /** hls.js settings merged over LOW_LATENCY_HLS_CONFIG (benches compare profiles); default none. */
  hlsConfig?: Partial<HlsConfig>;
  /** A replay (VOD playlist): no live indicator; the viewer seeks with the controls. Default false. */
  vod?: boolean;
}

/** Plays a signed HLS show (see the file header). */
export function HlsPlayer({ url, expiresAt, edges, renew, title = "Live show", onStateChange, hlsConfig, vod = false }: HlsPlayerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const controllerRef = useRef<HlsController | null>(null);
  const [state, setState] = useState<HlsPlaybackState | null>(null);
  const renewRef = useRef(renew);
  const onStateRef = useRef(onStateChange);
  useEffect(() => {
    renewRef.current = renew;
    onStateRef.current = onStateChange;
  });

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const controller = new HlsController({
      video,
      source: { url, expiresAt, edges: edges ?? [] },
      renew: () => renewRef.current(),
      hlsConfig,
      onState: (next) => {
        setState(next);
        onStateRef.current?.(next);
      },
    });
    controllerRef.current = controller;
    return () => {
      controller.destroy();
      controllerRef.current = null;
    };
    // A new url from the parent means a new route: start over. Renewals happen inside the controller.
  }, [url]);

  return (
    <div data-testid="hls-player" style={{ position: "relative" }}>
      <video ref={videoRef} aria-label={title} data-testid="hls-video" playsInline controls autoPlay style={{ width: "100%", background: "#000" }} />
      <div style={{ display: "flex", gap: "0.5rem", alignItems: "center", marginTop: "0.25rem" }}>
        {vod ? (
          <span data-testid="hls-replay">Replay</span>
        ) : state?.behindLive ? (
          <button type="button" data-testid="hls-behind-live" onClick={() => controllerRef.current?.goLive()}>
            {`${state.behindLiveSeconds?.toFixed(0) ?? "?"} s behind live — go live`}
          </button>
        ) : (
          <span data-testid="hls-live" aria-label="Live">
            ● LIVE{state?.behindLiveSeconds != null ? ` (${state.behindLiveSeconds.toFixed(1)} s)` : ""}
          </span>
        )}
        {state && state.status !== "playing" && (
          <span role="status" data-testid="hls-status">
            {state.status === "loading" ? "Loading…" : state.message}
          </span>
        )}
        {state?.status === "failed" && (
          <button type="button" onClick={() => controllerRef.current?.retry()}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}
