/**
 * When a show may go live. A host may open the show from `earlyMs` before the
 * scheduled start (sound check, a green room for the audience) until the end
 * of the scheduled slot (start + expected duration). Admins may open a show at
 * any time, e.g. to rescue a late start. A show that is already live is never
 * re-checked: hosts rejoin and the graph is rebuilt regardless of the clock.
 */
import { AppError } from "../app-error";
import { type ShowParticipantRole } from "./show-permissions";

/** Default: hosts may go live up to 60 minutes before the start, ms. */
export const DEFAULT_GO_LIVE_EARLY_MS = 60 * 60_000;

/** An event's schedule: start instant and expected duration (minutes). */
export interface ShowSchedule {
  startsAt: Date;
  durationMinutes: number;
}

/** The instants between which a host may open the show: `[opensAt, closesAt]`. */
export function goLiveWindow(schedule: ShowSchedule, earlyMs = DEFAULT_GO_LIVE_EARLY_MS): { opensAt: Date; closesAt: Date } {
  const start = schedule.startsAt.getTime();
  return { opensAt: new Date(start - earlyMs), closesAt: new Date(start + schedule.durationMinutes * 60_000) };
}

/**
 * Throws AppError OUTSIDE_SHOW_WINDOW (409) when `role` may not open the show
 * at `now`: a host before `opensAt` or after `closesAt`. Admins always may.
 * The message names the window in UTC (ISO 8601).
 */
export function requireGoLiveWindow(schedule: ShowSchedule, role: ShowParticipantRole, now: Date, earlyMs = DEFAULT_GO_LIVE_EARLY_MS): void {
  if (role === "admin") return;
  const { opensAt, closesAt } = goLiveWindow(schedule, earlyMs);
  if (now < opensAt) {
    throw new AppError("OUTSIDE_SHOW_WINDOW", `This show can go live from ${opensAt.toISOString()} (${Math.round(earlyMs / 60_000)} minutes before its start)`, {
      details: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
    });
  }
  if (now > closesAt) {
    throw new AppError("OUTSIDE_SHOW_WINDOW", `This show's time slot ended at ${closesAt.toISOString()}; ask an admin to open it`, {
      details: { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
    });
  }
}
