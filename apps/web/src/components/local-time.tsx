"use client";
/**
 * An instant shown in the reader's own time zone. The server (and the first
 * client render, so hydration matches) prints it in UTC; after mounting, the
 * browser's zone takes over ("Sat, 21 Nov 2026, 20:00 CET"). The UTC text
 * stays in the tooltip, and `<time dateTime>` carries the ISO 8601 instant.
 */
import { useEffect, useState } from "react";
import { formatWhen, formatWhenIn } from "./format";

/** Props: `iso`, the instant as an ISO 8601 string (e.g. `event.startsAt.toISOString()`). */
export function LocalTime({ iso }: { iso: string }) {
  const utc = formatWhen(new Date(iso));
  const [text, setText] = useState(utc);
  useEffect(() => {
    setText(formatWhenIn(new Date(iso), Intl.DateTimeFormat().resolvedOptions().timeZone));
  }, [iso]);
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
