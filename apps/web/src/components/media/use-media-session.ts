"use client";
/**
 * React hook: one socket.io connection to the media service for a page, with
 * the show's live state. It sends `session:hello` on every (re)connection and
 * follows `show:state`, `media:status`, `session:taken-over`, `show:ended`,
 * `show:recovering` (the show's media server is being replaced),
 * `access:revoked` (the ticket or host seat ended: the socket is closed) and
 * `show:encoder` (hosts: the show's encoder is gone, the show ends at `endsAt`).
 * Pages add their own listeners (renegotiate, chat) on the returned socket.
 */
import { useEffect, useState } from "react";
import type { HelloResult, MediaStatus, ShowEncoderEvent, ShowState } from "@limelight/contracts";
import { tokenKeeper, type MediaGrant } from "./access-grant";
import { connectMedia, describeRequestError, onServerEvent, request, type MediaSocket } from "./media-connection";

/** Connection phases shown to the user. */
export type ConnectionPhase = "connecting" | "connected" | "reconnecting" | "closed";

/** What a page knows about its media session. */
export interface MediaSessionState {
  phase: ConnectionPhase;
  /** Last connection or hello error, for a banner (null when fine). */
  error: string | null;
  /** Result of the last `session:hello` (user, role, ICE servers). */
  hello: HelloResult | null;
  /** Latest show state (hosts, WebRTC viewers, injected videos, media status). */
  show: ShowState | null;
  /** Latest media server status. */
  media: MediaStatus | null;
  /** Set when another device took this ticket over (the socket is then closed). */
  takenOver: string | null;
  /** Set when the show ended (reason). */
  ended: string | null;
  /** Set while the show is rebuilt on another media server (`show:recovering` reason); cleared when media is ok again. */
  recovering: string | null;
  /** Latest `show:encoder` (hosts of an encoder show): `gone` with the time the show ends by itself, or `publishing`. */
  encoder: ShowEncoderEvent | null;
}

const initialState: MediaSessionState = {
  phase: "connecting",
  error: null,
  hello: null,
  show: null,
  media: null,
  takenOver: null,
  ended: null,
  recovering: null,
  encoder: null,
};

/**
 * Connects to the media service with `grant` (null: not yet known) and keeps
 * the state above. Returns the socket (null until connected once) and state.
 */
export function useMediaSession(eventId: string, grant: MediaGrant | null): { socket: MediaSocket | null; state: MediaSessionState } {
  const [socket, setSocket] = useState<MediaSocket | null>(null);
  const [state, setState] = useState<MediaSessionState>(initialState);

  useEffect(() => {
    if (!grant) return;
    const keeper = tokenKeeper(eventId, grant);
    const s = connectMedia(grant.mediaUrl, keeper.token, eventId);
    const patch = (p: Partial<MediaSessionState>) => setState((prev) => ({ ...prev, ...p }));

    s.on("connect", () => {
      patch({ phase: "connected", error: null });
      request(s, "session:hello", {}).then(
        (hello) => patch({ hello, show: hello.show, media: hello.show.media }),
        (error) => patch({ error: describeRequestError(error).message }),
      );
    });
    s.on("disconnect", (reason) => {
      // "io server disconnect" / "io client disconnect": no automatic reconnection.
      const final = reason === "io server disconnect" || reason === "io client disconnect";
      patch({ phase: final ? "closed" : "reconnecting" });
    });
    s.on("connect_error", (error) => {
      const data = (error as Error & { data?: { message?: string } }).data;
      patch({ phase: s.active ? "reconnecting" : "closed", error: data?.message ?? `Cannot reach the media service (${error.message})` });
    });
    onServerEvent(s, "show:state", (show) => patch({ show, media: show.media, ...(show.media.status === "ok" ? { recovering: null } : {}) }));
    onServerEvent(s, "media:status", (media) => patch({ media, ...(media.status === "ok" ? { recovering: null } : {}) }));
    onServerEvent(s, "show:recovering", ({ reason }) => patch({ recovering: reason || "media server lost" }));
    // The server disconnects right after: keep its reason for the banner.
    onServerEvent(s, "access:revoked", ({ message }) => patch({ error: message || "Your access to this show has ended.", phase: "closed" }));
    onServerEvent(s, "show:encoder", (encoder) => patch({ encoder }));
    onServerEvent(s, "session:taken-over", ({ message }) => {
      patch({ takenOver: message || "This ticket is now playing on another device.", phase: "closed" });
      s.disconnect();
    });
    onServerEvent(s, "show:ended", ({ reason }) =>
      setState((prev) => ({ ...prev, ended: reason || "The show has ended.", show: prev.show ? { ...prev.show, live: false, source: null } : prev.show })),
    );

    setSocket(s);
    return () => {
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
      setState(initialState);
    };
  }, [eventId, grant]);

  return { socket, state };
}
