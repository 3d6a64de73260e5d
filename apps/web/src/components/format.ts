/** Date and time parts every page shows (en-GB order: "Sat, 21 Nov 2026, 19:00"). */
const WHEN_PARTS: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };

/** Formats a Date for pages in UTC ("Sat, 21 Nov 2026, 19:00 UTC"). */
export function formatWhen(date: Date): string {
  return `${new Intl.DateTimeFormat("en-GB", { ...WHEN_PARTS, timeZone: "UTC" }).format(date)} UTC`;
}

/** A Date as the value of `<input type="datetime-local">` in UTC ("2026-11-21T19:00"). */
export function toDateTimeLocal(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/**
 * Formats a Date in the IANA `timeZone` with its short zone name
 * ("Sat, 21 Nov 2026, 20:00 CET"); falls back to formatWhen (UTC) for an
 * unknown zone.
 */
export function formatWhenIn(date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { ...WHEN_PARTS, timeZone, timeZoneName: "short" }).format(date);
  } catch {
    return formatWhen(date);
  }
}
