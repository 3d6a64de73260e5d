import { z } from "zod";
import { AppError } from "../app-error";

/** Event lifecycle statuses (Event.status). */
export const EVENT_STATUSES = ["draft", "on_sale", "live", "ended", "cancelled"] as const;
/** One of EVENT_STATUSES. */
export type EventStatus = (typeof EVENT_STATUSES)[number];
/** zod schema for EventStatus. */
export const eventStatusSchema = z.enum(EVENT_STATUSES);

/**
 * Allowed transitions: draft → on_sale → live → ended; draft and on_sale may be
 * cancelled. ended and cancelled are final.
 */
export const EVENT_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  draft: ["on_sale", "cancelled"],
  on_sale: ["live", "cancelled"],
  live: ["ended"],
  ended: [],
  cancelled: [],
};

/** Human label of a status for pages ("On sale", "Live now", ...). */
export const EVENT_STATUS_LABEL: Readonly<Record<EventStatus, string>> = {
  draft: "Draft",
  on_sale: "On sale",
  live: "Live now",
  ended: "Ended",
  cancelled: "Cancelled",
};

/** True when an event may move from `from` to `to` (unknown statuses: false). */
export function canTransition(from: string, to: string): boolean {
  const parsed = eventStatusSchema.safeParse(from);
  return parsed.success && (EVENT_TRANSITIONS[parsed.data] as readonly string[]).includes(to);
}

/** Throws AppError INVALID_TRANSITION with a readable message when `canTransition(from, to)` is false. */
export function assertTransition(from: string, to: EventStatus): void {
  if (!canTransition(from, to)) {
    const fromLabel = eventStatusSchema.safeParse(from).success ? EVENT_STATUS_LABEL[from as EventStatus] : from;
    throw new AppError("INVALID_TRANSITION", `A ${fromLabel.toLowerCase()} event cannot become ${EVENT_STATUS_LABEL[to].toLowerCase()}`);
  }
}

/** True while an event's details (title, time, price, capacity) may still be edited: draft or on sale. */
export function isEditable(status: string): boolean {
  return status === "draft" || status === "on_sale";
}

/** True when tickets may be bought: on sale, or live (late arrivals). */
export function isBuyable(status: string): boolean {
  return status === "on_sale" || status === "live";
}
