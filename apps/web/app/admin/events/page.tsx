import Link from "next/link";
import { formatPrice } from "@limelight/domain/events/money";
import { ActionForm } from "@/components/action-form";
import { EventFields } from "@/components/event-fields";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { requirePageActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { adminListEvents } from "@/server/events/admin-list-events";
import { createEventAction } from "./actions";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** Admin: every event with sales counts, and the create-event form. Admins only (403 otherwise). */
export default async function AdminEventsPage() {
  const actor = await requirePageActor(["admin"], "/admin/events");
  const events = await adminListEvents(db(), actor);
  return (
    <main>
      <h1>Events</h1>
      {events.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Event</th>
              <th>Starts</th>
              <th>Status</th>
              <th className="num">Price</th>
              <th className="num">Seats taken</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link href={`/admin/events/${e.id}`}>{e.title}</Link>
                </td>
                <td><LocalTime iso={e.startsAt.toISOString()} /></td>
                <td>
                  <StatusBadge status={e.status} />
                </td>
                <td className="num">{formatPrice(e.priceCents, e.currency)}</td>
                <td className="num">
                  {e.seatsTaken} / {e.capacity}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel" aria-labelledby="create-heading">
        <h2 id="create-heading">Create an event</h2>
        <p className="muted">New events start as drafts. Assign hosts, then put the event on sale.</p>
        <ActionForm action={createEventAction} submitLabel="Create event" pendingLabel="Creating…" ariaLabel="Create event">
          <EventFields />
        </ActionForm>
      </section>
    </main>
  );
}
