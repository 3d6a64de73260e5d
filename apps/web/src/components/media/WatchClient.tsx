"use client";
/**
 * The watch page for ticket holders (`/watch/[eventId]`): asks the routing
 * endpoint for WebRTC or HLS, plays the program (WebRTC recvonly, or the HLS
 * overflow player), and shows chat, tips and the tip form. An HLS viewer who
 * arrives before the show waits, and the player starts (with a fresh route)
 * when the show goes live, from the studio or from an encoder. Network loss is handled
 * by socket.io's reconnection plus a new SDP offer; when the ticket is opened
 * on another device, this page stops and says so.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { fetchMediaGrant, type MediaGrant } from "./access-grant";
import { ChatPanel } from "./ChatPanel";
import { HlsSlot } from "./HlsSlot";
import { MediaStatusBanner } from "./MediaStatusBanner";
import { MediaVideo } from "./MediaVideo";
import { TipsFeed } from "./TipsFeed";
import { useChat } from "./use-chat";
import { useMediaSession } from "./use-media-session";
import { useProgramViewer } from "./use-program-viewer";
import { fetchWatchRoute, type WatchRoute } from "./watch-route";
import styles from "./media.module.css";

/** Props from the watch page (server component, after the ticket check). */
export interface WatchClientProps {
  eventId: string;
  title: string;
  /** The tip form (rendered by the page with its server action; shown while the show is live), or null when tipping is unavailable. */
  tip: ReactNode;
  /** A one-off notice for the viewer (e.g. after returning from a tip Checkout Session), or null. */
  notice?: string | null;
}

/** The watch page UI. */
export function WatchClient({ eventId, title, tip, notice = null }: WatchClientProps) {
  const [route, setRoute] = useState<WatchRoute | null>(null);
  const [routeError, setRouteError] = useState<string | null>(null);
  const [chatGrant, setChatGrant] = useState<MediaGrant | null>(null);
  const [chatGrantFailed, setChatGrantFailed] = useState(false);

  const resolve = useCallback(() => {
    setRouteError(null);
    fetchWatchRoute(eventId).then(setRoute, (e: Error) => setRouteError(e.message));
  }, [eventId]);
  useEffect(resolve, [resolve]);

  // WebRTC viewers use their route's grant for everything; HLS viewers still need a socket for chat.
  useEffect(() => {
    if (route?.mode === "webrtc") setChatGrant(route.grant);
    else if (route?.mode === "hls")
      fetchMediaGrant(eventId).then(setChatGrant, () => {
        setChatGrant(null);
        setChatGrantFailed(true);
      });
  }, [route, eventId]);

  const { socket, state } = useMediaSession(eventId, chatGrant);
  const stopped = state.takenOver !== null || state.ended !== null;
  const player = useProgramViewer(socket, state.hello, state.show, route?.mode === "webrtc" && !stopped);
  const chat = useChat(socket);
  const showLive = state.show?.live ?? null;
  const fromEncoder = state.show?.source === "encoder";
  // HLS viewers who arrived early wait for the show; its going live gives them a fresh route (new signed URL).
  // So does a show fed from an encoder, which has no WebRTC program: WebRTC viewers are sent to HLS.
  // Until the media service says whether the show is live, the player waits too (unless it cannot be reached:
  // then HLS plays without it), so an early viewer does not fetch a playlist that does not exist yet.
  const stateUnknown = showLive === null && !chatGrantFailed && (state.phase === "connecting" || (state.phase === "connected" && !state.error));
  const hlsWaiting = route?.mode === "hls" && (showLive === false || stateUnknown);
  const wasLive = useRef(showLive);
  useEffect(() => {
    if (wasLive.current === false && showLive === true && (route?.mode !== "webrtc" || fromEncoder)) resolve();
    wasLive.current = showLive;
  }, [showLive, fromEncoder, route, resolve]);

  return (
    <main className="page">
      <header className={styles.header}>
        <h1>{title}</h1>
        {state.show?.live && <span className={styles.badgeLive}>LIVE</span>}
      </header>
      <div className={styles.layout}>
        <div className={styles.column}>
          {routeError && (
            <div role="alert" className={styles.bannerError}>
              {routeError} <button type="button" className={styles.button} onClick={resolve}>Try again</button>
            </div>
          )}
          {notice && (
            <div role="status" className={styles.banner}>
              {notice}
            </div>
          )}
          <MediaStatusBanner state={state} />
          {state.takenOver && (
            <div role="alert" className={styles.bannerError} data-testid="taken-over">
              Your ticket is now playing on another device. <button type="button" className={styles.button} onClick={() => window.location.reload()}>Watch here instead</button>
            </div>
          )}
          {state.ended && <div role="status" className={styles.banner}>The show has ended. Thanks for watching!</div>}
          <section className={styles.panel} aria-label="Player">
            {stopped ? (
              <p className={styles.muted} data-testid="player-phase">
                {state.takenOver ? "Playback stopped on this device." : "The show is over."}
              </p>
            ) : hlsWaiting ? (
              <p className={styles.muted} data-testid="player-phase">
                {stateUnknown ? "Connecting…" : "The show has not started yet. It will play here as soon as it is live."}
              </p>
            ) : route?.mode === "hls" ? (
              <HlsSlot eventId={eventId} route={route} />
            ) : (
              <>
                <MediaVideo stream={player.program} label="Live show" testId="watch-video" />
                <p className={styles.muted} data-testid="player-phase">
                  {player.message ?? (player.phase === "playing" ? "Live" : player.phase === "connecting" ? "Connecting…" : "")}
                </p>
              </>
            )}
          </section>
          {state.show?.live && !stopped ? tip : null}
        </div>
        <div className={styles.column}>
          <ChatPanel chat={stopped ? null : chat} selfUserId={state.hello?.userId ?? null} canModerate={state.hello?.role === "host" || state.hello?.role === "admin"} />
          {!stopped && <TipsFeed chat={chat} />}
        </div>
      </div>
    </main>
  );
}
