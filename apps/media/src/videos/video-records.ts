/**
 * InjectedVideo rows (prisma/models.prisma) as clients see them.
 * state: "stopped" | "playing" | "ended" | "removed".
 */
import { type Db } from "@limelight/db";
import { type InjectedVideoView } from "@limelight/contracts";

/** Maps a row to the client view (createdAt ISO 8601). */
export function toVideoView(row: { id: string; eventId: string; uri: string; title: string; state: string; createdAt: Date }): InjectedVideoView {
  const state = (["stopped", "playing", "ended", "removed"] as const).find((s) => s === row.state) ?? "stopped";
  return { id: row.id, eventId: row.eventId, uri: row.uri, title: row.title, state, createdAt: row.createdAt.toISOString() };
}

/** Videos of an event that are not removed, oldest first. */
export async function listVideos(db: Db, eventId: string): Promise<InjectedVideoView[]> {
  const rows = await db.injectedVideo.findMany({ where: { eventId, state: { not: "removed" } }, orderBy: { createdAt: "asc" } });
  return rows.map(toVideoView);
}

/** Sets a video's state; returns the updated view, or null when it is not in this event. */
export async function markVideoState(db: Db, eventId: string, videoId: string, state: InjectedVideoView["state"]): Promise<InjectedVideoView | null> {
  const found = await db.injectedVideo.findFirst({ where: { id: videoId, eventId } });
  if (!found) return null;
  return toVideoView(await db.injectedVideo.update({ where: { id: videoId }, data: { state } }));
}
