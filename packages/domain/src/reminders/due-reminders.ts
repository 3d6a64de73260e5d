/**
 * When show reminders are due. Plain TypeScript, no I/O.
 * kind "24h": from 24 h before the start until 1 h before it;
 * "15m": from 15 min before the start until the start;
 * "live": while the show is live, within 30 min of going live (a viewer who
 * bought late is not told an hour later).
 */

/** A reminder kind (also the ShowReminder.kind column). */
export type ReminderKind = "24h" | "15m" | "live";

/** Every kind, in the order a ticket holder receives them. */
export const REMINDER_KINDS: readonly ReminderKind[] = ["24h", "15m", "live"];

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** How far ahead the worker looks for shows with a reminder due, ms (the earliest window opens 24 h before). */
export const REMINDER_LOOKAHEAD_MS = 24 * HOUR;

/**
 * The reminder kinds due now for a show with `status`, starting at
 * `startsAt`, live since `liveAt` (null: not live yet). Times in ms since
 * the epoch. Cancelled, ended and draft shows get none.
 */
export function dueReminderKinds(show: { status: string; startsAt: number; liveAt: number | null }, now: number): ReminderKind[] {
  if (show.status === "live") return show.liveAt !== null && now - show.liveAt <= 30 * MINUTE ? ["live"] : [];
  if (show.status !== "on_sale") return [];
  const until = show.startsAt - now;
  const kinds: ReminderKind[] = [];
  if (until <= 24 * HOUR && until > HOUR) kinds.push("24h");
  if (until <= 15 * MINUTE && until > 0) kinds.push("15m");
  return kinds;
}
