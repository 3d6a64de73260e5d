/**
 * The one way an Event's status changes. Every status write in Limelight
 * (admin put-on-sale and cancel, a host going live from the studio, an encoder
 * opening the show, a show ending) goes through `transitionEventStatus`: it
 * checks the lifecycle rule (`assertTransition`, packages/domain) and writes
 * with a conditional update `where: { id, status: from }`, so a transition
 * read from a stale status never lands (two writers cannot both move it).
 * No framework beyond Prisma.
 */
import { AppError } from "@limelight/domain";
import { assertTransition, type EventStatus } from "@limelight/domain/events/status";
import type { Db, Prisma } from "../index";

/** A Prisma client or the client of an open interactive transaction. */
export type EventStatusWriter = Db | Prisma.TransactionClient;

/** One status change: `from` is the status the caller read (or requires). */
export interface EventTransition {
  eventId: string;
  from: EventStatus;
  to: EventStatus;
  /** When the change happens (sets `liveAt` on → live, `endedAt` on → ended); default now. */
  at?: Date;
  /** On → live: the program source, "studio" when the media service's Composite feeds it, null (default) for an encoder (OBS). Cleared on every other transition. */
  liveSource?: "studio" | null;
  /** Further conditions the row must meet for the change to land (e.g. an encoder show gone since a time); the status condition always applies. */
  when?: Prisma.EventWhereInput;
}

/**
 * Moves `eventId` from `from` to `to` when the event is still `from`.
 * Returns true when this call changed it, false when the event was not in
 * `from` (missing, or already moved by another writer: left as is).
 * Throws AppError INVALID_TRANSITION (409) when the lifecycle forbids
 * `from` → `to` (e.g. draft → live, ended → anything), before any write.
 */
export async function transitionEventStatus(db: EventStatusWriter, transition: EventTransition): Promise<boolean> {
  const { eventId, from, to } = transition;
  assertTransition(from, to);
  const at = transition.at ?? new Date();
  const liveSource = to === "live" ? (transition.liveSource ?? null) : null;
  const data = to === "live" ? { status: to, liveAt: at, liveSource, encoderGoneAt: null } : to === "ended" ? { status: to, endedAt: at, liveSource } : { status: to, liveSource };
  const { count } = await db.event.updateMany({ where: { ...transition.when, id: eventId, status: from }, data });
  return count === 1;
}

/**
 * Moves `eventId` to `to` from whatever status it has now: reads it, then
 * `transitionEventStatus` from that status. Returns the status it moved from,
 * or null when the event changed between the read and the write.
 * Throws AppError NOT_FOUND (no such event) or INVALID_TRANSITION (the current
 * status may not become `to`, e.g. a draft going live).
 */
export async function transitionEventStatusFromCurrent(db: EventStatusWriter, eventId: string, to: EventStatus, at?: Date): Promise<EventStatus | null> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { status: true } });
  if (!event) throw new AppError("NOT_FOUND", "No such event");
  const from = event.status as EventStatus;
  return (await transitionEventStatus(db, { eventId, from, to, at })) ? from : null;
}

/**
 * A show goes live (a host opened it from the studio): on_sale → live through
 * `transitionEventStatus`. An event already live (its media node restarted
 * mid-show) is left as is. Returns true when this call made it live.
 * Throws AppError NOT_FOUND, or INVALID_TRANSITION for a draft, ended or
 * cancelled event (a draft is not public yet and must not go live).
 */
export async function markEventLive(db: EventStatusWriter, eventId: string, at?: Date): Promise<boolean> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { status: true } });
  if (!event) throw new AppError("NOT_FOUND", "No such event");
  if (event.status === "live") return false;
  return transitionEventStatus(db, { eventId, from: event.status as EventStatus, to: "live", at });
}
