/**
 * `/watch/[eventId]`: the player for ticket holders (and the show's hosts and
 * admins). Signed-out users go to the sign-in page; without a valid ticket the
 * 403 page is shown; before the doors open or after the show a short notice.
 */
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/local-time";
import { ReplayClient } from "@/components/media/ReplayClient";
import { TipForm } from "@/components/media/TipForm";
import { WatchClient } from "@/components/media/WatchClient";
import { env } from "@/env";
import { forbidPage, requirePageActor } from "@/server/auth/session";
import { startTip } from "./start-tip";
import { loadWatchEvent } from "./load-watch";

/** Rendered per request: the page depends on the session. */
export const dynamic = "force-dynamic";

/** Page title. */
export const metadata = { title: "Watch · Limelight" };

/** Server component: ticket check, then the client player. */
export default async function WatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ eventId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { eventId } = await params;
  const { tip: tipResult } = await searchParams;
  const actor = await requirePageActor(["viewer", "performer", "admin"], `/watch/${encodeURIComponent(eventId)}`);
  const event = await loadWatchEvent(eventId, actor);
  if (!event) notFound();
  if (event.access.kind === "forbidden") forbidPage();
  if (event.access.kind === "replay") {
    return <ReplayClient eventId={event.id} title={event.title} availableUntilIso={new Date(event.access.availableUntil).toISOString()} />;
  }
  if (event.access.kind === "not-live") {
    return (
      <main className="narrow">
        <h1>{event.title}</h1>
        <p role="status">{event.access.message}</p>
        {event.status !== "ended" && <p>Starts at <LocalTime iso={event.startsAt.toISOString()} />. Doors open 15 minutes before.</p>}
      </main>
    );
  }
  const tip =
    event.access.role === "viewer" ? <TipForm action={startTip.bind(null, event.id)} minCents={env().TIP_MIN_CENTS} currency={event.currency} /> : null;
  const notice =
    tipResult === "success" ? "Thank you! Your tip will appear in the show as soon as the payment is confirmed." : tipResult === "cancelled" ? "Tip cancelled: nothing was charged." : null;
  return <WatchClient eventId={event.id} title={event.title} tip={tip} notice={notice} />;
}
