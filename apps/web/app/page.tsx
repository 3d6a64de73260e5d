import { EventCard } from "@/components/event-card";
import { db } from "@/server/db";
import { listSchedule } from "@/server/events/list-schedule";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** The public schedule: shows live now, upcoming shows on sale, and recent shows whose replay can be watched. */
export default async function SchedulePage() {
  const { live, upcoming, replays } = await listSchedule(db());
  return (
    <main>
      <h1>Live shows, from the performers&apos; own stages</h1>
      <section aria-labelledby="live-heading">
        <h2 id="live-heading">Live now</h2>
        {live.length === 0 ? <p className="muted">Nothing live right now.</p> : <ul className="cards">{live.map((e) => <EventCard key={e.id} event={e} />)}</ul>}
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming</h2>
        {upcoming.length === 0 ? (
          <p className="muted">No upcoming shows yet.</p>
        ) : (
          <ul className="cards">{upcoming.map((e) => <EventCard key={e.id} event={e} />)}</ul>
        )}
      </section>
      {replays.length > 0 ? (
        <section aria-labelledby="replays-heading">
          <h2 id="replays-heading">Replays</h2>
          <ul className="cards">{replays.map((e) => <EventCard key={e.id} event={e} replayUntil={e.replayUntil} />)}</ul>
        </section>
      ) : null}
    </main>
  );
}
