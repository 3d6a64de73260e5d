import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@limelight/domain";
import { formatPrice } from "@limelight/domain/events/money";
import { ActionForm } from "@/components/action-form";
import { LocalTime } from "@/components/local-time";
import { StatusBadge, TestModeBadge } from "@/components/status-badge";
import { currentActor, signInUrl } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { db } from "@/server/db";
import { getEventPage, type EventPageView } from "@/server/events/get-event-page";
import { buyTicketAction } from "./actions";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

async function load(slug: string): Promise<EventPageView> {
  try {
    return await getEventPage(db(), await currentActor(), slug);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** An event page: details, hosts, price, seats left, content warning, Buy / Watch / Studio. */
export default async function EventPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const view = await load(slug);
  const actor = await currentActor();
  const { event } = view;
  const testMode = commerce().testMode;
  return (
    <main>
      <div className="event-hero">
        <div>
          <StatusBadge status={event.status} />
          <h1>{event.title}</h1>
          <p className="muted">
            <LocalTime iso={event.startsAt.toISOString()} /> · {event.durationMinutes} min
          </p>
          {event.posterUrl ? <img src={event.posterUrl} alt={`Poster for ${event.title}`} /> : null}
          <p>{event.description}</p>
          <h2>Hosts</h2>
          {event.hosts.length === 0 ? <p className="muted">To be announced.</p> : <ul>{event.hosts.map((h) => <li key={h.userId}>{h.name}</li>)}</ul>}
        </div>
        <aside className="panel" aria-label="Tickets">
          <p>
            <strong className="price">{formatPrice(event.priceCents, event.currency)}</strong>
          </p>
          <p>{event.seatsLeft > 0 ? `${event.seatsLeft} of ${event.capacity} seats left` : "Sold out"}</p>
          {query.checkout === "cancelled" ? <p className="notice">Checkout cancelled: your seat was released.</p> : null}
          {view.myTicketId ? <p className="success">You have a ticket for this show.</p> : null}
          {view.canWatch ? (
            <p>
              <Link href={`/watch/${event.id}`} className="button primary">
                Watch
              </Link>
            </p>
          ) : null}
          {view.replayUntil !== null ? (
            <p>
              <Link href={`/watch/${event.id}`} className="button primary">
                Watch the replay
              </Link>{" "}
              <span className="muted">
                until <LocalTime iso={new Date(view.replayUntil).toISOString()} />
              </span>
            </p>
          ) : null}
          {view.canOpenStudio ? (
            <p>
              <Link href={`/studio/${event.id}`} className="button">
                Open studio
              </Link>
            </p>
          ) : null}
          {view.canBuy && actor ? (
            <>
              {testMode && event.priceCents > 0 ? <TestModeBadge /> : null}
              <ActionForm
                action={buyTicketAction}
                submitLabel={event.priceCents === 0 ? "Get free ticket" : "Buy ticket"}
                pendingLabel={event.priceCents === 0 ? "Getting your ticket…" : "Starting checkout…"}
                ariaLabel="Buy a ticket"
              >
                <input type="hidden" name="eventId" value={event.id} />
                <input type="hidden" name="slug" value={event.slug} />
                {event.contentWarning ? (
                  <div className="notice warning">
                    <p>
                      <strong>Content warning:</strong> {event.contentWarning}
                    </p>
                    <label className="check">
                      <input type="checkbox" name="acknowledge" />I understand the content warning
                    </label>
                  </div>
                ) : null}
              </ActionForm>
            </>
          ) : null}
          {view.canBuy && !actor ? (
            <p>
              <Link href={signInUrl(`/events/${event.slug}`)} className="button primary">
                {event.priceCents === 0 ? "Sign in to get a ticket" : "Sign in to buy"}
              </Link>
            </p>
          ) : null}
          {!view.canBuy && !view.myTicketId && event.status === "cancelled" ? <p className="error">This show was cancelled.</p> : null}
        </aside>
      </div>
    </main>
  );
}
