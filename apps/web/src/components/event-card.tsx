import Link from "next/link";
import { formatPrice } from "@limelight/domain/events/money";
import type { EventSummary } from "@/server/events/views";
import { LocalTime } from "./local-time";
import { StatusBadge } from "./status-badge";

/**
 * One show on the schedule: title (link), time, hosts, price and seats left;
 * for an ended show with `replayUntil` (ms since the epoch), until when ticket
 * holders can watch its replay instead.
 */
export function EventCard({ event, replayUntil }: { event: EventSummary; replayUntil?: number }) {
  return (
    <li className="card">
      <div className="card-head">
        <StatusBadge status={event.status} />
        {event.contentWarning ? <span className="badge warning">Content warning</span> : null}
      </div>
      <h3>
        <Link href={`/events/${event.slug}`}>{event.title}</Link>
      </h3>
      <p className="muted"><LocalTime iso={event.startsAt.toISOString()} /></p>
      {event.hosts.length > 0 ? <p>With {event.hosts.map((h) => h.name).join(", ")}</p> : null}
      {replayUntil !== undefined ? (
        <p>
          Replay for ticket holders until <LocalTime iso={new Date(replayUntil).toISOString()} />
        </p>
      ) : (
        <p>
          <strong>{formatPrice(event.priceCents, event.currency)}</strong> ·{" "}
          {event.seatsLeft > 0 ? `${event.seatsLeft} seats left` : "Sold out"}
        </p>
      )}
    </li>
  );
}
