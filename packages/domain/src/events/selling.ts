/**
 * Rules of the event page that help a show sell: scarcity notice, countdown
 * and the Google Calendar template link. Plain TypeScript, no I/O.
 */

/** Below this fraction of the capacity left, the page says "N tickets left". */
export const SCARCITY_FRACTION = 0.2;

/**
 * The scarcity line of an event page: "Sold out" when nothing is left,
 * "N tickets left" (1 → "1 ticket left") when fewer than 20% of `capacity`
 * remain, otherwise null (nothing shown).
 */
export function ticketsLeftNotice(seatsLeft: number, capacity: number): string | null {
  if (seatsLeft <= 0) return "Sold out";
  if (capacity <= 0 || seatsLeft >= capacity * SCARCITY_FRACTION) return null;
  return seatsLeft === 1 ? "1 ticket left" : `${seatsLeft} tickets left`;
}

/** A countdown split into days, hours, minutes and seconds (all ≥ 0). */
export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits `ms` until the start (negative or 0 → all zero) into whole days, hours, minutes and seconds. */
export function countdownParts(ms: number): CountdownParts {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { days: Math.floor(total / 86_400), hours: Math.floor((total % 86_400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** "2d 03:04:05", or "03:04:05" under a day. */
export function formatCountdown(parts: CountdownParts): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(parts.hours)}:${pad(parts.minutes)}:${pad(parts.seconds)}`;
  return parts.days > 0 ? `${parts.days}d ${clock}` : clock;
}

/** A UTC instant as iCalendar/Google's basic format, e.g. 20261121T190000Z. */
function basicUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * The Google Calendar "add event" template link (action=TEMPLATE, text,
 * dates=start/end in UTC basic format, details, location).
 * Source: https://github.com/InteractionDesignFoundation/add-event-to-calendar-docs/blob/main/services/google.md
 */
export function googleCalendarUrl(input: { title: string; startsAt: Date; durationMinutes: number; details: string; location: string }): string {
  const end = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: input.title,
    dates: `${basicUtc(input.startsAt)}/${basicUtc(end)}`,
    details: input.details,
    location: input.location,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}
