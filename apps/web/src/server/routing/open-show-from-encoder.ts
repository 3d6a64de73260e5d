/**
 * A performer's encoder (OBS) starts the show: when the origin accepts its
 * stream key for an on-sale event (decidePublish's `opensShow`), the event
 * goes live, as it would when a host goes live from the studio. Media nodes
 * notice within their SHOW_STATUS_POLL_MS and tell the show's viewers.
 */
import type { Db } from "@limelight/db";
import { transitionEventStatus } from "@limelight/db/events/transition-event-status";

/**
 * Marks `eventId` live (`status` on_sale → live, `liveAt` = now; `liveSource`
 * stays null: an encoder show, which the studio may not take over). Returns true
 * when this call made it live, false when it was not on sale (already live,
 * ended, cancelled or a draft: left as is). Throws only on database errors.
 */
export async function openShowFromEncoder(db: Db, eventId: string, now: Date = new Date()): Promise<boolean> {
  return transitionEventStatus(db, { eventId, from: "on_sale", to: "live", at: now });
}
