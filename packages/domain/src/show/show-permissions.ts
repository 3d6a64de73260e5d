/**
 * Who may do what in a live show. Roles come from the access token
 * ("viewer" | "host" | "admin"); hosts are also re-checked against the
 * event's EventHost rows by the caller before these rules apply.
 */
import { AppError } from "../app-error";

/** Role of a participant in one show. */
export type ShowParticipantRole = "viewer" | "host" | "admin";

/** Actions in a show. */
export type ShowAction =
  | "publish" // send a camera into the Composite
  | "open" // open the show (MediaPipeline + Composite)
  | "end" // end the show for everyone
  | "watch" // receive the program over WebRTC
  | "manage-videos" // add/play/stop/remove injected videos
  | "chat"
  | "moderate"; // delete messages, ban users

const ALLOWED: Record<ShowAction, readonly ShowParticipantRole[]> = {
  publish: ["host"],
  open: ["host", "admin"],
  end: ["host", "admin"],
  watch: ["viewer", "host", "admin"],
  "manage-videos": ["host", "admin"],
  chat: ["viewer", "host", "admin"],
  moderate: ["host", "admin"],
};

/** True when `role` may perform `action`. */
export function mayInShow(role: ShowParticipantRole, action: ShowAction): boolean {
  return ALLOWED[action].includes(role);
}

/** Throws AppError FORBIDDEN unless `role` may perform `action`. */
export function requireShowAction(role: ShowParticipantRole, action: ShowAction): void {
  if (!mayInShow(role, action)) throw new AppError("FORBIDDEN", `A ${role} may not ${action.replace("-", " ")} in this show`);
}

/**
 * Viewer admission: a viewer needs a ticket of this event that is "valid".
 * Throws FORBIDDEN (no/other event's ticket) or PAYMENT_REQUIRED (refunded/revoked).
 */
export function requireWatchableTicket(ticket: { eventId: string; status: string } | null, eventId: string): void {
  if (!ticket || ticket.eventId !== eventId) throw new AppError("FORBIDDEN", "No ticket for this show");
  if (ticket.status !== "valid") throw new AppError("PAYMENT_REQUIRED", `Your ticket is ${ticket.status}`);
}

/** Event statuses in which a show may be opened (going live). */
export const OPENABLE_EVENT_STATUSES = ["on_sale", "live"] as const;

/** Throws INVALID_TRANSITION when an event in `status` cannot go live (a draft not yet on sale, ended or cancelled). */
export function requireOpenable(status: string): void {
  if (!(OPENABLE_EVENT_STATUSES as readonly string[]).includes(status)) {
    throw new AppError("INVALID_TRANSITION", `An event that is ${status} cannot go live`);
  }
}
