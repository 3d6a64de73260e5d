/**
 * The Event status writes of the media service, through the one lifecycle use
 * case (`transitionEventStatus`, packages/db): on_sale → live when a show's
 * graph is first built (a draft never goes live), live → ended when it ends
 * or when its encoder has been gone too long. Each is one conditional update,
 * so a transition read from a stale status never lands.
 */
import { type Db } from "@limelight/db";
import { transitionEventStatus } from "@limelight/db/events/transition-event-status";

/** on_sale → live from the studio (liveAt = now, liveSource "studio"). Returns true when this call made the event live. Throws nothing for a missing event (false). */
export async function markEventLive(db: Db, eventId: string): Promise<boolean> {
  return transitionEventStatus(db, { eventId, from: "on_sale", to: "live", liveSource: "studio" });
}

/** live → ended (endedAt = now, liveSource cleared). Returns false when the event was not live. */
export async function markEventEnded(db: Db, eventId: string): Promise<boolean> {
  return transitionEventStatus(db, { eventId, from: "live", to: "ended" });
}

/**
 * live → ended for an encoder show (liveSource null) whose encoder left at or
 * before `goneBefore` (`encoderGoneAt`, recorded by the web app from the
 * origin's on_publish_done; a re-publish clears it). Conditional, so several
 * media nodes may sweep at once. Returns true when this call ended it.
 */
export async function markEncoderShowEnded(db: Db, eventId: string, goneBefore: Date): Promise<boolean> {
  return transitionEventStatus(db, { eventId, from: "live", to: "ended", when: { liveSource: null, encoderGoneAt: { lte: goneBefore } } });
}
