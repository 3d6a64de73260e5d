"use client";
/**
 * The studio's injected videos (PlayerEndpoints mixed into the Composite):
 * add by URI (http(s), rtsp, or a file in the media folder), play, stop,
 * remove; "ended" is shown when the video reached its EndOfStream.
 */
import { useEffect, useState, type FormEvent } from "react";
import type { InjectedVideoView } from "@limelight/contracts";
import { describeRequestError, onServerEvent, request, type MediaSocket } from "./media-connection";
import styles from "./media.module.css";

/** Props: the socket (null while connecting), the show's videos from show:state, whether the show is live. */
export interface InjectedVideosProps {
  socket: MediaSocket | null;
  videos: InjectedVideoView[];
  live: boolean;
}

const STATE_LABEL: Record<InjectedVideoView["state"], string> = {
  stopped: "Stopped",
  playing: "Playing",
  ended: "Ended (end of stream)",
  removed: "Removed",
};

/** Merges the latest state of each video (by id), dropping removed ones. */
function merge(list: InjectedVideoView[], update: InjectedVideoView): InjectedVideoView[] {
  const others = list.filter((v) => v.id !== update.id);
  return update.state === "removed" ? others : [...others, update].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The injected videos panel. */
export function InjectedVideos({ socket, videos, live }: InjectedVideosProps) {
  const [list, setList] = useState<InjectedVideoView[]>(videos.filter((v) => v.state !== "removed"));
  const [title, setTitle] = useState("");
  const [uri, setUri] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setList(videos.filter((v) => v.state !== "removed")), [videos]);
  useEffect(() => {
    if (!socket) return;
    const onState = (video: InjectedVideoView) => setList((l) => merge(l, video));
    return onServerEvent(socket, "video:state", onState);
  }, [socket]);

  const run = async (action: () => Promise<{ video: InjectedVideoView }>) => {
    try {
      const { video } = await action();
      setList((l) => merge(l, video));
      setError(null);
      return true;
    } catch (e) {
      setError(describeRequestError(e).message);
      return false;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!socket) return;
    if (await run(() => request(socket, "video:add", { uri: uri.trim(), title: title.trim() || uri.trim() }))) {
      setTitle("");
      setUri("");
    }
  };

  return (
    <section className={styles.panel} aria-label="Injected videos">
      <h2>Videos</h2>
      {!live && <p className={styles.muted}>Videos can be added once the show is live.</p>}
      <ul className={styles.list} data-testid="injected-videos">
        {list.length === 0 && <li className={styles.muted}>No videos.</li>}
        {list.map((v) => (
          <li key={v.id} className={styles.row} data-testid="injected-video">
            <strong>{v.title}</strong>
            <span className={styles.muted}>{STATE_LABEL[v.state]}</span>
            {v.state !== "playing" && (
              <button type="button" className={styles.button} disabled={!socket} onClick={() => run(() => request(socket!, "video:play", { videoId: v.id }))}>
                Play
              </button>
            )}
            {v.state === "playing" && (
              <button type="button" className={styles.button} disabled={!socket} onClick={() => run(() => request(socket!, "video:stop", { videoId: v.id }))}>
                Stop
              </button>
            )}
            <button type="button" className={styles.button} disabled={!socket} onClick={() => run(() => request(socket!, "video:remove", { videoId: v.id }))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className={styles.row}>
        <input aria-label="Video title" placeholder="Title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        <input
          aria-label="Video URI"
          placeholder="https://…, rtsp://… or file name"
          value={uri}
          onChange={(e) => setUri(e.target.value)}
          maxLength={2048}
          className={styles.grow}
        />
        <button type="submit" className={styles.button} disabled={!socket || !live || !uri.trim()}>
          Add video
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
