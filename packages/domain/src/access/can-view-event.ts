import type { Actor } from "../roles";

/** Statuses the public schedule and event pages show to everyone. */
export const PUBLIC_EVENT_STATUSES = ["on_sale", "live", "ended", "cancelled"] as const;

/**
 * True when `actor` may see the event page of an event with `status` hosted by
 * `hostUserIds`: everyone for public statuses; drafts only for admins and the
 * event's hosts.
 */
export function canViewEvent(actor: Actor | null | undefined, event: { status: string; hostUserIds: readonly string[] }): boolean {
  if ((PUBLIC_EVENT_STATUSES as readonly string[]).includes(event.status)) return true;
  if (!actor) return false;
  return actor.role === "admin" || event.hostUserIds.includes(actor.userId);
}

