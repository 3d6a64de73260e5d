/**
 * The Event status writes of the media service, each one conditional single
 * call so the transition stays atomic: on_sale → live when a show's graph is
 * first built (a draft never goes live), live → ended when it ends or when
 * its encoder has been gone too long. Kept in
 * one place so a shared event-status use case can replace them.
 */
import { type Db } from "@limelight/db";

/** on_sale → live from the studio (liveAt = now, liveSource "studio"). Returns true when this call made the event live. */
export async function markEventLive(db: Db, eventId: string): Promise<boolean> {
  const { count } = await db.event.updateMany({ where: { id: eventId, status: "on_sale" }, data: { status: "live", liveAt: new Date(), liveSource: "studio" } });
  return count > 0;
}

/** live → ended (endedAt = now, liveSource cleared). Returns false when the event was not live. */
export async function markEventEnded(db: Db, eventId: string): Promise<boolean> {
  const { count } = await db.event.updateMany({ where: { id: eventId, status: "live" }, data: { status: "ended", endedAt: new Date(), liveSource: null } });
  return count > 0;
}

/**
 * live → ended for an encoder show (liveSource null) whose encoder left at or
 * before `goneBefore` (`encoderGoneAt`, recorded by the web app from the
 * origin's on_publish_done; a re-publish clears it). Conditional, so several
 * media nodes may sweep at once. Returns true when this call ended it.
 */
export async function markEncoderShowEnded(db: Db, eventId: string, goneBefore: Date): Promise<boolean> {
  const { count } = await db.event.updateMany({
    where: { id: eventId, status: "live", liveSource: null, encoderGoneAt: { lte: goneBefore } },
    data: { status: "ended", endedAt: new Date() },
  });
  return count > 0;
}
