import { createEvent } from "ics";
import { AppError } from "@limelight/domain";
import { googleCalendarUrl } from "@limelight/domain/events/selling";
import type { EventDetail } from "./views";

/** The watch page of an event, absolute: what calendar entries and reminders link to. */
export function watchUrl(appUrl: string, eventId: string): string {
  return `${appUrl}/watch/${eventId}`;
}

/**
 * The event as an iCalendar file (RFC 5545, made with the `ics` library):
 * one VEVENT with UID `<event id>@<app host>`, DTSTART in UTC, DURATION, the
 * title, the description with the watch URL, URL = the watch page, STATUS
 * CONFIRMED (CANCELLED for a cancelled show) and a 15-minute reminder alarm.
 * Throws AppError INTERNAL when the library refuses the event.
 * Source: https://www.rfc-editor.org/rfc/rfc5545
 */
export function eventIcs(event: EventDetail, appUrl: string): string {
  const start = event.startsAt;
  const watch = watchUrl(appUrl, event.id);
  const { error, value } = createEvent({
    uid: `${event.id}@${new URL(appUrl).host}`,
    productId: "limelight/ics",
    start: [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes()],
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: event.durationMinutes },
    title: event.title,
    description: `${event.description}\n\nWatch: ${watch}`,
    url: watch,
    location: watch,
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    alarms: [{ action: "display", description: `${event.title} starts in 15 minutes`, trigger: { minutes: 15, before: true } }],
  });
  if (error || !value) throw new AppError("INTERNAL", "Could not build the calendar file", { cause: error });
  return value;
}

/** The Google Calendar link of the event (same fields as the .ics). */
export function eventGoogleCalendarUrl(event: EventDetail, appUrl: string): string {
  const watch = watchUrl(appUrl, event.id);
  return googleCalendarUrl({ title: event.title, startsAt: event.startsAt, durationMinutes: event.durationMinutes, details: `${event.description}\n\nWatch: ${watch}`, location: watch });
}
