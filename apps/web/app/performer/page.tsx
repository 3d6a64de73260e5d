import Link from "next/link";
import { formatBps, formatPrice } from "@limelight/domain/events/money";
import { LocalTime } from "@/components/local-time";
import { StatementTable } from "@/components/statement-table";
import { StatusBadge } from "@/components/status-badge";
import { requirePageActor } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { db } from "@/server/db";
import { listPerformerEvents } from "@/server/events/list-performer-events";
import { PayoutStatementView } from "@/components/payout-statement";
import { payouts } from "@/server/payouts";
import { hostPayoutStatement } from "@/server/payouts/payout-statement";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** Performer dashboard: the shows they host, each with its studio link and statement. Performers and admins. */
export default async function PerformerPage() {
  const actor = await requirePageActor(["performer", "admin"], "/performer");
  const events = await listPerformerEvents(db(), actor);
  const statements = await Promise.all(events.map((e) => commerce().eventStatement({ actor, eventId: e.id })));
  const payoutStatement = actor.role === "performer" ? await hostPayoutStatement(payouts(), { actor, hostUserId: actor.userId }) : null;
  return (
    <main>
      <h1>Your shows</h1>
      {payoutStatement ? (
        <section className="panel" aria-labelledby="payouts-heading">
          <h2 id="payouts-heading">Payouts</h2>
          {!payoutStatement.account.payoutsEnabled ? (
            <p>
              <Link href="/studio/settings">Connect your Stripe account</Link> to be paid: your share of each show accrues until then.
            </p>
          ) : null}
          <PayoutStatementView statement={payoutStatement} />
        </section>
      ) : null}
      {events.length === 0 ? <p className="muted">You are not hosting any shows yet. An admin assigns hosts to events.</p> : null}
      {events.map((event, i) => {
        const statement = statements[i];
        const mine = event.hosts.find((h) => h.userId === actor.userId);
        return (
          <section className="panel" key={event.id} aria-labelledby={`show-${event.id}`}>
            <StatusBadge status={event.status} />
            <h2 id={`show-${event.id}`}>{event.title}</h2>
            <p className="muted">
              <LocalTime iso={event.startsAt.toISOString()} /> · {formatPrice(event.priceCents, event.currency)} · {event.seatsTaken} / {event.capacity} seats taken
              {mine ? ` · your share ${formatBps(mine.shareBps)}` : ""}
            </p>
            <div className="actions">
              {event.status !== "cancelled" && event.status !== "ended" ? (
                <Link href={`/studio/${event.id}`} className="button primary">
                  Open studio
                </Link>
              ) : null}
              {event.status !== "draft" ? <Link href={`/events/${event.slug}`}>Public page</Link> : null}
            </div>
            <h3>Statement</h3>
            {statement ? <StatementTable statement={statement} /> : null}
          </section>
        );
      })}
    </main>
  );
}
