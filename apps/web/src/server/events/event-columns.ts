import type { EventForm } from "@limelight/domain/events/event-form";

/** The Event columns an admin's event form sets (money in cents), shared by create and edit. */
export function eventColumnsFromForm(form: EventForm) {
  return {
    title: form.title,
    description: form.description,
    posterUrl: form.posterUrl,
    startsAt: form.startsAt,
    durationMinutes: form.durationMinutes,
    priceCents: form.price,
    currency: form.currency,
    capacity: form.capacity,
    contentWarning: form.contentWarning,
    replayWindowHours: form.replayWindowHours,
  };
}
