import { CURRENCIES } from "@limelight/domain/events/event-form";
import type { EventDetail } from "@/server/events/views";
import { StartsAtField } from "./starts-at-field";

/** The inputs of the admin create/edit event form (names match eventFormSchema). */
export function EventFields({ event }: { event?: EventDetail }) {
  return (
    <>
      <label>
        Title
        <input name="title" defaultValue={event?.title} required maxLength={120} />
      </label>
      <label>
        Description
        <textarea name="description" defaultValue={event?.description} maxLength={5000} />
      </label>
      <div className="grid-2">
        <StartsAtField initialIso={event?.startsAt.toISOString()} />
        <label>
          Duration (minutes)
          <input name="durationMinutes" inputMode="numeric" defaultValue={event?.durationMinutes ?? 60} />
        </label>
        <label>
          Price
          <input name="price" inputMode="decimal" placeholder="12.50" defaultValue={event ? (event.priceCents / 100).toFixed(2) : undefined} />
        </label>
        <label>
          Currency
          <select name="currency" defaultValue={event?.currency ?? "usd"}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Capacity
          <input name="capacity" inputMode="numeric" defaultValue={event?.capacity ?? 100} />
        </label>
        <label>
          Replay window (hours)
          <input name="replayWindowHours" inputMode="numeric" defaultValue={event?.replayWindowHours ?? 0} />
        </label>
      </div>
      <label>
        Content warning (leave empty if none)
        <input name="contentWarning" defaultValue={event?.contentWarning ?? ""} maxLength={300} />
      </label>
    </>
  );
}
