/**
 * Loads the watch page's event and decides, with the domain rules
 * `decideShowAccess` (live) and `decideReplayAccess` (after the show), whether
 * the signed-in actor may watch it now. Returns null for an unknown event.
 */
import { decideReplayAccess } from "@limelight/domain/access/replay-access";
import { decideShowAccess, type ShowAccessRole } from "@limelight/domain/access/show-access";
import { isAppError, type Actor } from "@limelight/domain";
import { db } from "@/server/db";

/** The watch page's view of an event and the actor's access to it. */
export interface WatchEvent {
  id: string;
  title: string;
  status: string;
  startsAt: Date;
  currency: string;
  /**
   * "ok" with the role in the show; "replay" (ended show, replay window open;
   * `availableUntil` ms since the epoch); "not-live" (show not started, or
   * ended without a replay or after it: message says which); "forbidden" (no
   * valid ticket, cancelled).
   */
  access:
    | { kind: "ok"; role: ShowAccessRole }
    | { kind: "replay"; availableUntil: number }
    | { kind: "not-live"; message: string }
    | { kind: "forbidden"; message: string };
}

/** Loads the event and the actor's tickets and applies decideShowAccess at `now` (ms since the epoch). */
export async function loadWatchEvent(eventId: string, actor: Actor, now = Date.now()): Promise<WatchEvent | null> {
  const event = await db().event.findUnique({
    where: { id: eventId },
    select: { id: true, title: true, status: true, startsAt: true, endedAt: true, replayWindowHours: true, currency: true, hosts: { select: { userId: true } } },
  });
  if (!event) return null;
  const tickets = await db().ticket.findMany({ where: { eventId, userId: actor.userId }, select: { id: true, status: true } });
  const base = { id: event.id, title: event.title, status: event.status, startsAt: event.startsAt, currency: event.currency };
  try {
    if (event.status === "ended") {
      const replay = decideReplayAccess(actor, { ...event, hostUserIds: event.hosts.map((h) => h.userId) }, tickets, now);
      return { ...base, access: { kind: "replay", availableUntil: replay.availableUntil } };
    }
    const grant = decideShowAccess(actor, { status: event.status, startsAt: event.startsAt, hostUserIds: event.hosts.map((h) => h.userId) }, tickets, now);
    return { ...base, access: { kind: "ok", role: grant.role } };
  } catch (error) {
    if (isAppError(error) && (error.code === "EVENT_NOT_LIVE" || error.code === "REPLAY_UNAVAILABLE" || error.code === "REPLAY_EXPIRED")) {
      return { ...base, access: { kind: "not-live", message: error.message } };
    }
    if (isAppError(error) && (error.code === "FORBIDDEN" || error.code === "UNAUTHENTICATED")) return { ...base, access: { kind: "forbidden", message: error.message } };
    throw error;
  }
}
