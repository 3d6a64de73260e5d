import Link from "next/link";
import { formatPrice } from "@limelight/domain/events/money";
import { ActionForm } from "@/components/action-form";
import { EventFields } from "@/components/event-fields";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { env } from "@/env";
import { requirePageActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { adminListEvents } from "@/server/events/admin-list-events";
import { HttpMediaHealth, type MediaHealthView } from "@/server/media/media-health";
import { createEventAction } from "./actions";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

const MEDIA_STATUS_LABEL: Record<MediaHealthView["status"], string> = {
  ok: "Media node healthy",
  degraded: "Media node degraded",
  down: "Media node down",
  unreachable: "Media node not reachable",
};

/** The media node's health (GET /health): a frozen program, no usable Kurento, or no answer. Nothing when healthy. */
function MediaHealthPanel({ health }: { health: MediaHealthView }) {
  if (health.status === "ok") return null;
  return (
    <section className="panel" role="alert" aria-label="Media health">
      <p>
        <span className="badge warning">{MEDIA_STATUS_LABEL[health.status]}</span> {health.reason}
      </p>
    </section>
  );
}

/**
 * Admin: every event with sales counts, the media node's health (a live
 * show whose program is frozen is flagged in its row), and the create-event
 * form. Admins only (403 otherwise).
 */
export default async function AdminEventsPage() {
  const actor = await requirePageActor(["admin"], "/admin/events");
  const [events, health] = await Promise.all([adminListEvents(db(), actor), new HttpMediaHealth(env().MEDIA_INTERNAL_URL).read()]);
  const frozen = new Map(health.frozenPrograms.map((f) => [f.eventId, f]));
  return (
    <main>
      <h1>Events</h1>
      <MediaHealthPanel health={health} />
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
                  {frozen.has(e.id) ? (
                    <>
                      {" "}
                      <span className="badge warning" title={`No video has left the program since ${frozen.get(e.id)?.frozenSince.toISOString()}`}>
                        Program frozen {Math.round((frozen.get(e.id)?.frozenForMs ?? 0) / 1000)} s
                      </span>
                    </>
                  ) : null}
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
