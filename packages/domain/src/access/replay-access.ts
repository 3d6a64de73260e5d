/**
 * Who may watch a show's replay, and until when. After a show ends, the
 * origin publishes its recording as an HLS VOD; ticket holders (and the
 * show's hosts and admins) may watch it for the event's replay window
 * (`replayWindowHours` after `endedAt`). A window of 0 means no replay.
 */
import { AppError } from "../app-error";
import type { Actor } from "../roles";
import type { AccessTicketView, ShowAccessRole } from "./show-access";

/** Longest replay window an event may have, hours (the event form's maximum). */
export const MAX_REPLAY_WINDOW_HOURS = 720;

/**
 * The earliest end (ms since the epoch) a show may have and still have an
 * open replay window at `now`: lists of replays need not read older shows.
 */
export function earliestEndWithOpenReplay(now: number): number {
  return now - MAX_REPLAY_WINDOW_HOURS * 3_600_000;
}

/** What the replay rule needs to know about an event. */
export interface ReplayEventView {
  status: string;
  /** When the show ended; null when it never went live (or has not ended). */
  endedAt: Date | null;
  /** Hours after the end during which the replay may be watched (0: none). */
  replayWindowHours: number;
  hostUserIds: readonly string[];
}

/** The outcome of decideReplayAccess. `availableUntil` is ms since the epoch. */
export interface ReplayAccessGrant {
  role: ShowAccessRole;
  ticketId: string | null;
  availableUntil: number;
}

/** End of the replay window in ms since the epoch, or null when the show has no replay (not ended, never live, or window 0). */
export function replayAvailableUntil(event: Pick<ReplayEventView, "status" | "endedAt" | "replayWindowHours">): number | null {
  if (event.status !== "ended" || !event.endedAt || event.replayWindowHours <= 0) return null;
  return event.endedAt.getTime() + event.replayWindowHours * 3_600_000;
}

/** End of the replay window (ms since the epoch) when it is open at `now`, else null (no replay, or it has closed). */
export function openReplayUntil(event: Pick<ReplayEventView, "status" | "endedAt" | "replayWindowHours">, now: number): number | null {
  const until = replayAvailableUntil(event);
  return until !== null && now < until ? until : null;
}

/**
 * Decides replay access at `now` (ms since the epoch): admins, the show's
 * hosts and holders of a valid ticket, while the window is open.
 * Throws AppError UNAUTHENTICATED (no actor), REPLAY_UNAVAILABLE (409: the
 * show has no replay), REPLAY_EXPIRED (410: the window has closed),
 * FORBIDDEN (no valid ticket).
 */
export function decideReplayAccess(actor: Actor | null | undefined, event: ReplayEventView, tickets: readonly AccessTicketView[], now: number): ReplayAccessGrant {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const until = replayAvailableUntil(event);
  if (until === null) throw new AppError("REPLAY_UNAVAILABLE", "This show has ended and has no replay");
  if (now >= until) throw new AppError("REPLAY_EXPIRED", "The replay of this show is no longer available");
  if (actor.role === "admin") return { role: "admin", ticketId: null, availableUntil: until };
  if (event.hostUserIds.includes(actor.userId)) return { role: "host", ticketId: null, availableUntil: until };
  const ticket = tickets.find((t) => t.status === "valid");
  if (!ticket) throw new AppError("FORBIDDEN", "You need a ticket to watch this replay");
  return { role: "viewer", ticketId: ticket.id, availableUntil: until };
}
