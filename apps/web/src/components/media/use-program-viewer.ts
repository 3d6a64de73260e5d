"use client";
/**
 * React hook for the watch page's WebRTC player: negotiates a recvonly
 * connection (webrtc-viewer) after every `session:hello` (so a socket.io
 * reconnection after a network loss sends a new offer), when the server asks
 * (`renegotiate`), when the show goes live, and when ICE fails.
 */
import { useEffect, useRef, useState } from "react";
import type { HelloResult, ShowState } from "@limelight/contracts";
import { describeRequestError, onServerEvent, type MediaSocket } from "./media-connection";
import { socketSignaling } from "./media-signaling";
import { SupersededError, type PeerState } from "./peer-session";
import { createViewer, type Viewer } from "./webrtc-viewer";

/** Player phases. */
export type PlayerPhase = "idle" | "connecting" | "playing" | "waiting" | "error" | "stopped";

/** What the player renders. */
export interface ProgramPlayer {
  phase: PlayerPhase;
  message: string | null;
  program: MediaStream | null;
  peer: PeerState | null;
}

/** Retry delay (ms) after a failed offer or a failed ICE connection. */
export const VIEWER_RETRY_MS = 3_000;

/**
 * Plays the program while `enabled`. `hello` changes on every (re)connection,
 * which triggers a fresh offer; `show.live` turning true retries a waiting player.
 */
export function useProgramViewer(socket: MediaSocket | null, hello: HelloResult | null, show: ShowState | null, enabled: boolean): ProgramPlayer {
  const [phase, setPhase] = useState<PlayerPhase>("idle");
  const [message, setMessage] = useState<string | null>(null);
  const [program, setProgram] = useState<MediaStream | null>(null);
  const [peer, setPeer] = useState<PeerState | null>(null);
  const [attempt, setAttempt] = useState(0);
  const viewer = useRef<Viewer | null>(null);
  const live = show?.live ?? false;

  useEffect(() => {
    if (!socket || !hello || !enabled) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      if (!cancelled) retry = setTimeout(() => setAttempt((n) => n + 1), VIEWER_RETRY_MS);
    };
    viewer.current?.stop();
    const v = createViewer({
      signaling: socketSignaling(socket, "viewer"),
      iceServers: hello.iceServers,
      onProgram: (stream) => {
        if (cancelled) return;
        setProgram(stream);
        setPhase("playing");
      },
      onState: (state) => {
        if (cancelled) return;
        setPeer(state);
        if (state === "failed" && socket.connected) again();
      },
    });
    viewer.current = v;
    setPhase("connecting");
    v.start().then(
      () => {
        if (!cancelled) setMessage(null);
      },
      (error) => {
        if (cancelled || error instanceof SupersededError) return;
        const { code, message: text } = describeRequestError(error);
        if (code === "EVENT_NOT_LIVE") {
          setPhase("waiting");
          setMessage("The show has not started yet. It will play here as soon as it is live.");
          again();
        } else if (code === "SESSION_TAKEN_OVER" || code === "FORBIDDEN" || code === "UNAUTHENTICATED") {
          setPhase("stopped");
          setMessage(text);
        } else {
          setPhase("error");
          setMessage(`${text} Retrying…`);
          again();
        }
      },
    );
    const renegotiate = () => setAttempt((n) => n + 1);
    const stopRenegotiate = onServerEvent(socket, "renegotiate", renegotiate);
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
      stopRenegotiate();
      v.stop();
    };
    // `live` retriggers a waiting player when the show opens.
  }, [socket, hello, enabled, attempt, live]);

  useEffect(() => {
    if (!enabled) {
      viewer.current?.stop();
      viewer.current = null;
      setProgram(null);
      setPhase("stopped");
    }
  }, [enabled]);

  return { phase, message, program, peer };
}
