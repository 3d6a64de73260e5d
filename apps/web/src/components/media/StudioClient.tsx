"use client";
/**
 * The performer studio (`/studio/[eventId]`): camera/microphone preview and
 * choice, Go live, the program as viewers see it, injected videos, live
 * viewer count, chat with moderation, tips, End show, OBS ingest settings,
 * and the media server's status.
 */
import { useEffect, useState } from "react";
import { fetchMediaGrant, type MediaGrant } from "./access-grant";
import { ChatPanel } from "./ChatPanel";
import { DevicePicker } from "./DevicePicker";
import { InjectedVideos } from "./InjectedVideos";
import { MediaStatusBanner } from "./MediaStatusBanner";
import { MediaVideo } from "./MediaVideo";
import { describeRequestError } from "./media-connection";
import { StreamKeyPanel } from "./StreamKeyPanel";
import { TipsFeed } from "./TipsFeed";
import { useChat } from "./use-chat";
import { useHostBroadcast } from "./use-host-broadcast";
import { useLocalMedia } from "./use-local-media";
import { useMediaSession } from "./use-media-session";
import styles from "./media.module.css";

/** Props from the studio page (server component, after the access check). */
export interface StudioClientProps {
  eventId: string;
  title: string;
  /** The event's RTMP stream key (Event.streamKey). */
  streamKey: string;
  /** RTMP ingest server URL for OBS (env RTMP_INGEST_URL). */
  ingestUrl: string;
}

/** The studio UI. */
export function StudioClient({ eventId, title, streamKey, ingestUrl }: StudioClientProps) {
  const [grant, setGrant] = useState<MediaGrant | null>(null);
  const [grantError, setGrantError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => {
    fetchMediaGrant(eventId).then(setGrant, (e: Error) => setGrantError(e.message));
  }, [eventId]);

  const { socket, state } = useMediaSession(eventId, grant);
  const local = useLocalMedia();
  const broadcast = useHostBroadcast(socket, state.hello, local.stream, state.media, state.ended);
  const chat = useChat(socket);
  const show = state.show;
  const live = show?.live ?? false;
  const isLive = broadcast.phase === "live";
  const noComposite = state.media?.status === "not-configured";
  const fromEncoder = show?.source === "encoder";

  const endShow = async () => {
    if (!window.confirm("End the show for everyone?")) return;
    try {
      await broadcast.endShow();
      setActionError(null);
    } catch (e) {
      setActionError(describeRequestError(e).message);
    }
  };

  return (
    <main className="page">
      <header className={styles.header}>
        <h1>Studio: {title}</h1>
        {live && <span className={styles.badgeLive}>LIVE</span>}
        <span className={styles.muted} data-testid="broadcast-phase">
          {isLive
            ? `You are live${broadcast.slot !== null ? ` (slot ${broadcast.slot + 1})` : ""}`
            : broadcast.phase === "starting"
              ? "Going live…"
              : broadcast.phase === "ended" || state.ended
                ? "Show ended"
                : fromEncoder
                  ? "Live from your encoder (OBS)"
                  : "Not live"}
        </span>
      </header>
      <div className={styles.layout}>
        <div className={styles.column}>
          {grantError && <div role="alert" className={styles.bannerError}>{grantError}</div>}
          <MediaStatusBanner state={state} />
          {noComposite && state.media && (
            <div role="status" className={styles.banner} data-testid="composite-unavailable">
              {state.media.message}
            </div>
          )}
          {state.ended && <div role="status" className={styles.banner}>The show has ended.</div>}
          <div className={styles.videos}>
            <section className={styles.panel} aria-label="Camera preview">
              <h2>Your camera</h2>
              <MediaVideo stream={local.stream} muted label="Camera preview" testId="preview-video" />
              <DevicePicker
                devices={local.devices}
                cameraId={local.cameraId}
                microphoneId={local.microphoneId}
                onCamera={local.setCamera}
                onMicrophone={local.setMicrophone}
              />
              {local.error && <p role="alert">{local.error}</p>}
            </section>
            <section className={styles.panel} aria-label="Program">
              <h2>Program (what viewers see)</h2>
              <MediaVideo stream={broadcast.program} muted label="Program" testId="program-video" />
              <p className={styles.muted}>
                {isLive ? `Connection: ${broadcast.peer ?? "connecting"}` : fromEncoder ? "Your encoder's stream is on air: viewers watch it over HLS." : "Go live to see the program."}
              </p>
            </section>
          </div>
          <section className={styles.panel} aria-label="Controls">
            <div className={styles.row}>
              {!isLive && (
                <button type="button" className={`${styles.button} ${styles.primary}`} onClick={() => void broadcast.goLive()} disabled={!state.hello || !local.stream || noComposite || broadcast.phase === "starting" || broadcast.phase === "ended"}>
                  Go live
                </button>
              )}
              {isLive && (
                <button type="button" className={styles.button} onClick={() => void broadcast.leave()}>
                  Stop my camera
                </button>
              )}
              <button type="button" className={`${styles.button} ${styles.danger}`} onClick={() => void endShow()} disabled={!live || !socket}>
                End show
              </button>
              <span>
                Viewers: <span className={styles.stat} data-testid="viewer-total">{(show?.webrtcViewers ?? 0) + (show?.hlsViewers ?? 0)}</span>{" "}
                <span className={styles.muted}>
                  (WebRTC <span data-testid="viewer-count">{show?.webrtcViewers ?? 0}</span> · HLS <span data-testid="hls-viewer-count">{show?.hlsViewers ?? 0}</span>)
                </span>
              </span>
              <span className={styles.muted}>Hosts: {show?.hosts.map((h) => h.name + (h.connected && !h.reconnecting ? "" : " (reconnecting)")).join(", ") || "none"}</span>
            </div>
            {broadcast.message && <p role="status" data-testid="broadcast-message">{broadcast.message}</p>}
            {actionError && <p role="alert">{actionError}</p>}
          </section>
          <InjectedVideos socket={socket} videos={show?.injectedVideos ?? []} live={live} />
          <StreamKeyPanel ingestUrl={ingestUrl} streamKey={streamKey} />
        </div>
        <div className={styles.column}>
          <ChatPanel chat={chat} selfUserId={state.hello?.userId ?? null} canModerate />
          <TipsFeed chat={chat} />
        </div>
      </div>
    </main>
  );
}
