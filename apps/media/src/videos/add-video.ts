/**
 * Injecting a video into a live show: the URI is checked (http(s), rtsp, or
 * a file in the media folder; no traversal), an InjectedVideo row is written
 * (state "stopped"), and a PlayerEndpoint → HubPort joins the Composite.
 */
import { type AccessClaims } from "@limelight/access-token";
import { type Db } from "@limelight/db";
import { AppError } from "@limelight/domain";
import { resolveInjectableUri } from "@limelight/domain/show/media-uri";
import { requireShowAction } from "@limelight/domain/show/show-permissions";
import { type InjectedVideoView } from "@limelight/media-protocol";
import { type LiveShow } from "../show/live-show";
import { toVideoView } from "./video-records";

/** Adds a video. Throws FORBIDDEN, VALIDATION_FAILED (URI), EVENT_NOT_LIVE, MEDIA_SERVER_UNAVAILABLE (row marked removed). */
export async function addVideo(
  deps: { db: Db; mediaFolder: string },
  show: LiveShow | undefined,
  claims: AccessClaims,
  input: { uri: string; title: string },
): Promise<InjectedVideoView> {
  requireShowAction(claims.role, "manage-videos");
  const uri = resolveInjectableUri(input.uri, deps.mediaFolder);
  if (!show?.live) throw new AppError("EVENT_NOT_LIVE", "Go live before adding videos");
  const row = await deps.db.injectedVideo.create({ data: { eventId: claims.eventId, uri, title: input.title, createdById: claims.userId } });
  try {
    await show.addVideo({ id: row.id, uri });
  } catch (error) {
    await deps.db.injectedVideo.update({ where: { id: row.id }, data: { state: "removed" } });
    throw error;
  }
  return toVideoView(row);
}
