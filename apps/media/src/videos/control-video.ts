/** Play, stop or remove an injected video of a live show. */
import { type AccessClaims } from "@limelight/access-token";
import { type Db } from "@limelight/db";
import { AppError } from "@limelight/domain";
import { requireShowAction } from "@limelight/domain/show/show-permissions";
import { type InjectedVideoView } from "@limelight/contracts";
import { type LiveShow } from "../show/live-show";
import { markVideoState } from "./video-records";

/** What to do with a video. */
export type VideoCommand = "play" | "stop" | "remove";

/**
 * Applies `command` to the video and records its new state
 * ("playing" | "stopped" | "removed"). Throws FORBIDDEN, NOT_FOUND, EVENT_NOT_LIVE,
 * MEDIA_SERVER_UNAVAILABLE.
 */
export async function controlVideo(
  db: Db,
  show: LiveShow | undefined,
  claims: AccessClaims,
  videoId: string,
  command: VideoCommand,
): Promise<InjectedVideoView> {
  requireShowAction(claims.role, "manage-videos");
  const row = await db.injectedVideo.findFirst({ where: { id: videoId, eventId: claims.eventId, state: { not: "removed" } } });
  if (!row) throw new AppError("NOT_FOUND", "No such video in this show");
  if (command === "remove") {
    await show?.removeVideo(videoId);
  } else {
    if (!show?.live) throw new AppError("EVENT_NOT_LIVE", "This show is not live");
    await show.setVideoPlaying(videoId, command === "play");
  }
  const state = command === "play" ? "playing" : command === "stop" ? "stopped" : "removed";
  const view = await markVideoState(db, claims.eventId, videoId, state);
  if (!view) throw new AppError("NOT_FOUND", "No such video in this show");
  return view;
}
