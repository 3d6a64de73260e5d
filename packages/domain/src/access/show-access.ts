import { AppError } from "../app-error";
import type { Actor } from "../roles";

/** How many ms before the scheduled start a ticket holder may already get an access token (15 min). */
export const EARLY_ACCESS_MS = 15 * 60 * 1000;

/** The role a person gets inside one show (matches @limelight/access-token's ShowRole). */
export type ShowAccessRole = "viewer" | "host" | "admin";

/** What the access rule needs to know about an event. Times are Date objects. */
export interface AccessEventView {
  status: string;
  startsAt: Date;
  hostUserIds: readonly string[];
}

/** A ticket of the actor for this event, if any. status: "valid" | "refunded" | "revoked". */
export interface AccessTicketView {
  id: string;
  status: string;
}

/** The outcome of `decideShowAccess`: the role to put in the access token and the ticket it rests on. */
export interface ShowAccessGrant {
  role: ShowAccessRole;
  /** Ticket id for viewers; null for hosts and admins. */
  ticketId: string | null;
}

/**
 * Who may watch or join a show, and as what:
 * - an admin: role "admin" for any event that is not cancelled;
 * - a host of the event (any role): role "host" while the event is not cancelled or ended;
 * - anyone else: role "viewer" with a valid ticket, when the show is live, or on
 *   sale and starting within EARLY_ACCESS_MS (about to start).
 * Throws AppError UNAUTHENTICATED without an actor; EVENT_NOT_LIVE for a ticket
 * holder outside the window; FORBIDDEN otherwise (no valid ticket, cancelled event).
 * `now` is ms since the epoch.
 */
export function decideShowAccess(
  actor: Actor | null | undefined,
  event: AccessEventView,
  tickets: readonly AccessTicketView[],
  now: number,
): ShowAccessGrant {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (event.status === "cancelled") throw new AppError("FORBIDDEN", "This show was cancelled");
  if (actor.role === "admin") return { role: "admin", ticketId: null };
  if (event.hostUserIds.includes(actor.userId)) {
    if (event.status === "ended") throw new AppError("EVENT_NOT_LIVE", "This show has ended");
    return { role: "host", ticketId: null };
  }
  const ticket = tickets.find((t) => t.status === "valid");
  if (!ticket) throw new AppError("FORBIDDEN", "You need a ticket to watch this show");
  const aboutToStart = event.status === "on_sale" && event.startsAt.getTime() - now <= EARLY_ACCESS_MS;
  if (event.status !== "live" && !aboutToStart) {
    throw new AppError("EVENT_NOT_LIVE", event.status === "ended" ? "This show has ended" : "This show has not started yet");
  }
  return { role: "viewer", ticketId: ticket.id };
}
