/**
 * Whether the encoder (OBS) of a live encoder show is publishing, as the
 * origin reports it: nginx-rtmp's `on_publish_done`
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish_done)
 * records when it left (`Event.encoderGoneAt`), an accepted publish of its
 * stream key clears it. The media service ends the show once the encoder has
 * been gone ENCODER_GONE_END_MS (apps/media encoder-shows.ts). Studio shows
 * (`liveSource` "studio", fed by the media bridge) are never marked.
 */
import type { Db } from "@limelight/db";

/**
 * Records that the encoder of live encoder show `eventId` stopped publishing
 * at `now` (kept if already set: the first departure counts). Returns true
 * when the show was marked, false when it is not a live encoder show.
 * Throws only on database errors.
 */
export async function markEncoderGone(db: Db, eventId: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await db.event.updateMany({ where: { id: eventId, status: "live", liveSource: null, encoderGoneAt: null }, data: { encoderGoneAt: now } });
  return count === 1;
}

/** Clears `encoderGoneAt` of `eventId` (its encoder publishes again). Returns true when it was set. Throws only on database errors. */
export async function markEncoderBack(db: Db, eventId: string): Promise<boolean> {
  const { count } = await db.event.updateMany({ where: { id: eventId, encoderGoneAt: { not: null } }, data: { encoderGoneAt: null } });
  return count === 1;
}
