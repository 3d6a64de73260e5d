/**
 * Injecting a video into a live show: the URI is checked (http(s), rtsp, or
 * a file in the media folder; no traversal; every resolved address public
 * unless allow-listed, see injected-uri-guard.ts), at most
 * MAX_INJECTED_VIDEOS per show, an InjectedVideo row is written (state
 * "stopped", URI without credentials), and a PlayerEndpoint → HubPort joins
 * the Composite (with the URI as given, credentials included, for Kurento only).
 */
import { type AccessClaims } from "@limelight/access-token";
import { type Db } from "@limelight/db";
import { AppError, isAppError } from "@limelight/domain";
import { resolveInjectableUri } from "@limelight/domain/show/media-uri";
import { requireShowAction } from "@limelight/domain/show/show-permissions";
import { type InjectedVideoView, MAX_INJECTED_VIDEOS } from "@limelight/contracts";
import { type LiveShow } from "../show/live-show";
import { toVideoView } from "./video-records";
import { type PlayerUriGuard, redactUri } from "./injected-uri-guard";

/** The URI to play, or AppError INVALID_ARGUMENT (details.path ["uri"]) when its form is not allowed. */
function injectableUri(input: string, mediaFolder: string): string {
  try {
    return resolveInjectableUri(input, mediaFolder);
  } catch (error) {
    if (isAppError(error)) throw new AppError("INVALID_ARGUMENT", error.message, { details: { path: ["uri"] } });
    throw error;
  }
}

/**
 * Adds a video. Throws FORBIDDEN, INVALID_ARGUMENT (URI form or address), CONFLICT (MAX_INJECTED_VIDEOS
 * reached), EVENT_NOT_LIVE, MEDIA_SERVER_UNAVAILABLE (row marked removed).
 */
export async function addVideo(
  deps: { db: Db; mediaFolder: string; uriGuard: PlayerUriGuard },
  show: LiveShow | undefined,
  claims: AccessClaims,
  input: { uri: string; title: string },
): Promise<InjectedVideoView> {
  requireShowAction(claims.role, "manage-videos");
  const uri = injectableUri(input.uri, deps.mediaFolder);
  if (!show?.live) throw new AppError("EVENT_NOT_LIVE", "Go live before adding videos");
  if (show.counts().injectedVideos >= MAX_INJECTED_VIDEOS) throw new AppError("CONFLICT", `A show can have at most ${MAX_INJECTED_VIDEOS} injected videos; remove one first`);
  await deps.uriGuard.check(uri);
  const row = await deps.db.injectedVideo.create({ data: { eventId: claims.eventId, uri: redactUri(uri), title: input.title, createdById: claims.userId } });
  try {
    await show.addVideo({ id: row.id, uri });
  } catch (error) {
    await deps.db.injectedVideo.update({ where: { id: row.id }, data: { state: "removed" } });
    throw error;
  }
  return toVideoView(row);
}
