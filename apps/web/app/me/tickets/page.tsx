import Link from "next/link";
import { isAppError } from "@limelight/domain";
import { formatMoney } from "@limelight/domain/events/money";
import { LocalTime } from "@/components/local-time";
import { StatusBadge, TestModeBadge } from "@/components/status-badge";
import { requirePageActor } from "@/server/auth/session";
import { commerce, type CheckoutStatus } from "@/server/commerce";
import { db } from "@/server/db";
import { listMyTickets } from "@/server/events/list-my-tickets";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

const CHECKOUT_MESSAGES: Record<CheckoutStatus["state"], string> = {
  granted: "Payment received: your ticket is ready.",
  pending: "Payment is being confirmed; your ticket appears here in a moment. Reload the page to check.",
  expired: "That checkout expired without payment; no ticket was issued.",
  refunded: "Payment received but the show sold out meanwhile; your payment was refunded.",
};

/** "My tickets": the signed-in user's tickets, with the result of a checkout they just returned from. */
export default async function MyTicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor(["viewer", "performer", "admin"], "/me/tickets");
  const query = await searchParams;
  let checkout: CheckoutStatus | null = null;
  if (typeof query.session_id === "string") {
    try {
      checkout = await commerce().checkoutStatus({ actor, sessionId: query.session_id });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  const tickets = await listMyTickets(db(), actor);
  return (
    <main>
      <h1>My tickets</h1>
      {checkout ? (
        <p role="status" className={`notice${checkout.state === "granted" ? "" : " warning"}`}>
          {checkout.testMode ? <TestModeBadge /> : null} {CHECKOUT_MESSAGES[checkout.state]}
        </p>
      ) : null}
      {query.claimed === "1" ? (
        <p role="status" className="notice">
          Your free ticket is ready.
        </p>
      ) : null}
      {tickets.length === 0 ? (
        <p className="muted">
          No tickets yet. <Link href="/">Find a show</Link>
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Show</th>
              <th>When</th>
              <th>Show status</th>
              <th>Ticket</th>
              <th className="num">Paid</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tickets.map((t) => (
              <tr key={t.ticketId}>
                <td>
                  <Link href={`/events/${t.event.slug}`}>{t.event.title}</Link>
                </td>
                <td><LocalTime iso={t.event.startsAt.toISOString()} /></td>
                <td>
                  <StatusBadge status={t.event.status} />
                </td>
                <td>{t.status === "valid" ? (t.source === "comp" ? "Valid (complimentary)" : t.source === "free" ? "Valid (free show)" : "Valid") : t.status === "refunded" ? "Refunded" : "Revoked"}</td>
                <td className="num">{formatMoney(t.amountCents, t.currency)}</td>
                <td>
                  {t.status === "valid" && t.event.status === "live" ? (
                    <Link href={`/watch/${t.event.id}`} className="button primary small">
                      Watch
                    </Link>
                  ) : null}
                  {t.replayUntil !== null ? (
                    <Link href={`/watch/${t.event.id}`} className="button small">
                      Watch the replay
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
