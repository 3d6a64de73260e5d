"use client";
/**
 * Counts down to a show's start in the viewer's browser ("Starts in 2d
 * 03:04:05"); once the start time is reached it polls
 * /api/events/<id>/status every 10 s and, when the show is live, says
 * "Live now" with a link to the watch page (the reply is parsed with
 * eventStatusReplySchema of @limelight/contracts; a malformed one is ignored
 * until the next poll). Server render and first client
 * render print the same text (no clock read before mounting).
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { eventStatusReplySchema } from "@limelight/contracts";
import { countdownParts, formatCountdown } from "@limelight/domain/events/selling";

/** Props: the event id, its start (ISO 8601) and its status when the page was rendered. */
export function Countdown({ eventId, startsAt, initialStatus }: { eventId: string; startsAt: string; initialStatus: string }) {
  const [status, setStatus] = useState(initialStatus);
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (status !== "on_sale") return;
    const start = new Date(startsAt).getTime();
    let polling = false;
    const tick = () => {
      const ms = start - Date.now();
      setLeft(ms);
      if (ms > 0 || polling) return;
      polling = true;
      void fetch(`/api/events/${eventId}/status`, { cache: "no-store" })
        .then((res) => (res.ok ? res.json() : null))
        .then((body: unknown) => {
          const reply = eventStatusReplySchema.safeParse(body);
          if (reply.success) setStatus(reply.data.status);
        })
        .catch(() => undefined)
        .finally(() => {
          setTimeout(() => {
            polling = false;
          }, 10_000);
        });
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [eventId, startsAt, status]);

  if (status === "live") {
    return (
      <p className="countdown live" role="status">
        <strong>Live now</strong>{" "}
        <Link href={`/watch/${eventId}`} className="button primary">
          Go to the show
        </Link>
      </p>
    );
  }
  if (status !== "on_sale") return null;
  return (
    <p className="countdown" role="timer" aria-live="off">
      {left === null ? "Starts soon" : left > 0 ? `Starts in ${formatCountdown(countdownParts(left))}` : "Starting any moment…"}
    </p>
  );
}
