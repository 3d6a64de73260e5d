import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@limelight/domain";
import { formatPrice } from "@limelight/domain/events/money";
import { ticketsLeftNotice } from "@limelight/domain/events/selling";
import { env } from "@/env";
import { BuyForm } from "@/components/buy-form";
import { Countdown } from "@/components/countdown";
import { formatWhen } from "@/components/format";
import { LocalTime } from "@/components/local-time";
import { StatusBadge, TestModeBadge } from "@/components/status-badge";
import { currentActor, signInUrl } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { db } from "@/server/db";
import { eventGoogleCalendarUrl } from "@/server/events/event-calendar";
import { getEventPage, type EventPageView } from "@/server/events/get-event-page";
import { posterUrls } from "@/server/artwork/poster-urls";

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

/**
 * Share previews: Open Graph and Twitter card tags with the title, the start
 * time (UTC) and the poster (the uploaded one, else the default poster), as
 * absolute URLs. https://ogp.me , https://developer.x.com/en/docs/x-for-websites/cards
 */
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const { event } = await load(slug);
  const appUrl = env().APP_URL;
  const image = new URL(posterUrls(event).og, appUrl).toString();
  const description = `${formatWhen(event.startsAt)} · ${event.durationMinutes} min live show. ${event.description}`.slice(0, 300);
  const url = `${appUrl}/events/${event.slug}`;
  return {
    title: `${event.title} · Limelight`,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "website",
      siteName: "Limelight",
      title: event.title,
      description,
      url,
      images: [{ url: image, width: 1200, height: 630, alt: `Poster for ${event.title}` }],
    },
    twitter: { card: "summary_large_image", title: event.title, description, images: [image] },
    other: { "event:start_time": event.startsAt.toISOString() },
  };
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
  const scarcity = ticketsLeftNotice(event.seatsLeft, event.capacity);
  const poster = posterUrls(event);
  const calendarable = event.status === "on_sale" || event.status === "live";
  return (
    <main>
      <div className="event-hero">
        <div>
          <StatusBadge status={event.status} />
          <h1>{event.title}</h1>
          <p className="muted">
            <LocalTime iso={event.startsAt.toISOString()} /> · {event.durationMinutes} min
          </p>
          <Countdown eventId={event.id} startsAt={event.startsAt.toISOString()} initialStatus={event.status} />
          <picture>
            {poster.webp ? <source srcSet={poster.webp} type="image/webp" /> : null}
            <img src={poster.jpeg} alt={`Poster for ${event.title}`} width={1200} height={630} className="poster" />
          </picture>
          <p>{event.description}</p>
          <h2>Hosts</h2>
          {event.hosts.length === 0 ? <p className="muted">To be announced.</p> : <ul>{event.hosts.map((h) => <li key={h.userId}>{h.name}</li>)}</ul>}
        </div>
        <aside className="panel" aria-label="Tickets">
          <p>
            <strong className="price">{formatPrice(event.priceCents, event.currency)}</strong>
          </p>
          {scarcity ? <p className={event.seatsLeft > 0 ? "notice" : undefined}>{scarcity}</p> : null}
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
              <BuyForm
                eventId={event.id}
                returnPath={`/events/${event.slug}`}
                submitLabel={event.priceCents === 0 ? "Get free ticket" : "Buy ticket"}
                pendingLabel={event.priceCents === 0 ? "Getting your ticket…" : "Starting checkout…"}
              >
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
              </BuyForm>
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
          {calendarable ? (
            <p className="muted" aria-label="Add to calendar">
              Add to calendar: <a href={`/events/${event.slug}/calendar.ics`}>Apple / Outlook (.ics)</a> ·{" "}
              <a href={eventGoogleCalendarUrl(event, env().APP_URL)} target="_blank" rel="noopener noreferrer">
                Google Calendar
              </a>
            </p>
          ) : null}
        </aside>
      </div>
    </main>
  );
}
