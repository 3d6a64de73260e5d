import { AppError } from "../app-error";
import type { Actor } from "../roles";

/** What the studio rule needs to know about an event: who hosts it and whether it can still go live. */
export interface StudioEventView {
  /** User ids of the event's hosts (EventHost.userId), at most 4. */
  hostUserIds: readonly string[];
  /** Event status: "draft" | "on_sale" | "live" | "ended" | "cancelled". */
  status: string;
}

/**
 * True when `actor` may open the performer studio of `event` (`/studio/[eventId]`):
 * an admin always; a performer only for events they host. Viewers never, and
 * nobody for a cancelled event except an admin.
 */
export function canOpenStudio(actor: Actor | null | undefined, event: StudioEventView): boolean {
  if (!actor) return false;
  if (actor.role === "admin") return true;
  if (actor.role !== "performer") return false;
  if (event.status === "cancelled") return false;
  return event.hostUserIds.includes(actor.userId);
}

/**
 * Throws AppError UNAUTHENTICATED without an actor and FORBIDDEN when
 * `canOpenStudio` is false; returns the actor otherwise.
 */
export function assertCanOpenStudio(actor: Actor | null | undefined, event: StudioEventView): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (!canOpenStudio(actor, event)) throw new AppError("FORBIDDEN", "Only this show's hosts can open its studio");
  return actor;
}
