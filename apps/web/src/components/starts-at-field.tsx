"use client";
/**
 * The admin's start-time input, in the admin's own time zone. The visible
 * `<input type="datetime-local">` holds local wall-clock time; a hidden
 * `startsAt` field carries the same instant as ISO 8601 UTC
 * ("2030-06-02T09:00:00.000Z"), which the event form schema reads. Before
 * hydration the input shows UTC (as the server knows no zone).
 */
import { useEffect, useState } from "react";
import { toDateTimeLocal } from "./format";

/** A Date as a datetime-local value in the browser's zone ("2030-06-02T11:00"). */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value read in `zone` ("UTC" before hydration) → ISO 8601 UTC, or "" when empty or invalid. */
function toIso(local: string, zone: string): string {
  if (!local) return "";
  const date = new Date(zone === "UTC" ? `${local}Z` : local); // no offset: ECMAScript reads it as local time
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** Props: `initialIso`, the current start (ISO 8601) when editing an event. */
export function StartsAtField({ initialIso }: { initialIso?: string }) {
  const [zone, setZone] = useState("UTC");
  const [local, setLocal] = useState(() => (initialIso ? toDateTimeLocal(new Date(initialIso)) : ""));
  useEffect(() => {
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    setLocal((current) => (current ? toLocalInput(new Date(`${current}Z`)) : current));
  }, []);
  return (
    <label>
      Starts at ({zone})
      <input type="datetime-local" value={local} onChange={(e) => setLocal(e.target.value)} required />
      <input type="hidden" name="startsAt" value={toIso(local, zone)} />
    </label>
  );
}
