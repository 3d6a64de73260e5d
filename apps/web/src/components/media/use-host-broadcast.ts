"use client";
/**
 * React hook for the studio's "Go live": publishes the local stream through
 * webrtc-publisher, shows the program coming back, renegotiates when the
 * media service asks (`renegotiate`, e.g. after a KMS restart) or after the
 * socket reconnects, and retries going live when the media server comes back.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { HelloResult, MediaStatus } from "@limelight/contracts";
import { describeRequestError, onServerEvent, request, type MediaSocket } from "./media-connection";
import { socketSignaling } from "./media-signaling";
import { SupersededError, type PeerState } from "./peer-session";
import { createPublisher, type Publisher } from "./webrtc-publisher";

/** Studio broadcast phases: idle → starting → live; "waiting-media" while KMS is unreachable. */
export type BroadcastPhase = "idle" | "starting" | "live" | "waiting-media" | "error" | "ended";

/** What the studio renders about its broadcast. */
export interface HostBroadcast {
  phase: BroadcastPhase;
  /** Human message for errors and waits (null when none). */
  message: string | null;
  /** The program (Composite mix) as viewers see it. */
  program: MediaStream | null;
  /** This host's Composite slot (0..3) once live. */
  slot: number | null;
  /** State of the RTCPeerConnection. */
  peer: PeerState | null;
  goLive(): Promise<void>;
  /** Stops sending the camera (the show continues for other hosts). */
  leave(): Promise<void>;
  /** Ends the show for everyone. Throws MediaRequestError when refused. */
  endShow(): Promise<void>;
}

/** Retry delay (ms) after the host's ICE connection failed. */
export const HOST_RETRY_MS = 3_000;
/** Retry delay (ms) of "Go live" while the media server is unavailable. */
export const MEDIA_RETRY_MS = 5_000;
/** Retry delay (ms) of "Go live" once the media server reports "ok" again. */
export const MEDIA_RETRY_SOON_MS = 1_000;

/**
 * `socket`/`hello` from useMediaSession; `local` is the preview stream (its
 * tracks are swapped in without renegotiation when the devices change);
 * `media` is the latest media server status; `ended` is set once the show
 * ended (by anyone), which stops the broadcast.
 */
export function useHostBroadcast(
  socket: MediaSocket | null,
  hello: HelloResult | null,
  local: MediaStream | null,
  media: MediaStatus | null,
  ended: string | null,
): HostBroadcast {
  const [phase, setPhase] = useState<BroadcastPhase>("idle");
  const [message, setMessage] = useState<string | null>(null);
  const [program, setProgram] = useState<MediaStream | null>(null);
  const [slot, setSlot] = useState<number | null>(null);
  const [peer, setPeer] = useState<PeerState | null>(null);
  const publisher = useRef<Publisher | null>(null);
  const phaseRef = useRef<BroadcastPhase>("idle");
  phaseRef.current = phase;
  const publishRef = useRef<(renegotiation: boolean) => Promise<void>>(async () => undefined);

  const publish = useCallback(
    async (renegotiation: boolean) => {
      if (!socket || !hello || !local) {
        setMessage("Connecting to the media service…");
        return;
      }
      setPhase("starting");
      setMessage(renegotiation ? "Reconnecting the stream…" : null);
      try {
        publisher.current ??= createPublisher({
          signaling: socketSignaling(socket, "host", setSlot),
          iceServers: hello.iceServers,
          onProgram: (stream) => setProgram(stream),
          onState: (state) => {
            setPeer(state);
            // ICE failed while we still have a signaling path: negotiate again.
            if (state === "failed" && socket.connected) setTimeout(() => void publishRef.current(true), HOST_RETRY_MS);
          },
        });
        if (renegotiation) await publisher.current.renegotiate();
        else await publisher.current.start(local);
        setPhase("live");
        setMessage(null);
      } catch (error) {
        if (error instanceof SupersededError) return; // a newer negotiation owns the state
        const { code, message: text } = describeRequestError(error);
        if (code === "MEDIA_SERVER_UNAVAILABLE" || code === "TIMEOUT" || code === "DISCONNECTED") {
          setPhase("waiting-media");
          setMessage(
            code === "MEDIA_SERVER_UNAVAILABLE"
              ? "The media server is unavailable. You will go live automatically as soon as it is back."
              : `${text}. Retrying…`,
          );
        } else {
          setPhase("error");
          setMessage(code === "HOSTS_FULL" ? "Four hosts are already live in this show." : text);
        }
      }
    },
    [socket, hello, local],
  );

  useEffect(() => {
    publishRef.current = async (renegotiation) => {
      if (phaseRef.current === "live") await publish(renegotiation);
    };
  }, [publish]);

  // Server-initiated renegotiation (KMS restart) and reconnection after a drop.
  useEffect(() => {
    if (!socket) return;
    const renegotiate = () => {
      if (phaseRef.current === "live" || phaseRef.current === "starting") void publish(true);
    };
    const stopRenegotiate = onServerEvent(socket, "renegotiate", renegotiate);
    socket.io.on("reconnect", renegotiate);
    return () => {
      stopRenegotiate();
      socket.io.off("reconnect", renegotiate);
    };
  }, [socket, publish]);

  // Retry going live while waiting for the media server: soon after it reports
  // "ok" again, otherwise every MEDIA_RETRY_MS. Never immediately, so a server
  // that keeps refusing is not hammered.
  useEffect(() => {
    if (phase !== "waiting-media") return;
    const delay = media?.status === "ok" ? MEDIA_RETRY_SOON_MS : MEDIA_RETRY_MS;
    const timer = setTimeout(() => void publish(publisher.current?.pc != null), delay);
    return () => clearTimeout(timer);
  }, [phase, media, publish]);

  // New devices while live: swap tracks in place.
  useEffect(() => {
    if (local && publisher.current && phaseRef.current === "live") void publisher.current.replaceStream(local);
  }, [local]);

  // Stop on unmount.
  useEffect(() => () => publisher.current?.stop(), []);

  const stop = useCallback(() => {
    publisher.current?.stop();
    publisher.current = null;
    setProgram(null);
    setSlot(null);
    setPeer(null);
  }, []);

  // The show ended (here, by another host, or by an admin).
  useEffect(() => {
    if (!ended) return;
    stop();
    setPhase("ended");
    setMessage(null);
  }, [ended, stop]);

  return {
    phase,
    message,
    program,
    slot,
    peer,
    goLive: () => publish(false),
    async leave() {
      if (socket?.connected) await request(socket, "host:leave", {}).catch(() => undefined);
      stop();
      setPhase("idle");
    },
    async endShow() {
      if (!socket) return;
      await request(socket, "show:end", {});
      stop();
      setPhase("ended");
    },
  };
}
