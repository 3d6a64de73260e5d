import Link from "next/link";
import { notFound } from "next/navigation";
import { MAX_HOSTS } from "@limelight/domain/events/hosts";
import { formatBps, formatMoney } from "@limelight/domain/events/money";
import { canTransition, isEditable } from "@limelight/domain/events/status";
import { ActionForm } from "@/components/action-form";
import { EventFields } from "@/components/event-fields";
import { PosterUpload } from "@/components/poster-upload";
import { LocalTime } from "@/components/local-time";
import { StatementTable } from "@/components/statement-table";
import { StatusBadge, TestModeBadge } from "@/components/status-badge";
import { requirePageActor } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { db } from "@/server/db";
import { adminGetEvent, listHostCandidates } from "@/server/events/admin-list-events";
import { eventHistory } from "@/server/events/event-history";
import {
  cancelEventAction,
  compTicketAction,
  putOnSaleAction,
  refundTicketAction,
  setHostsAction,
  updateEventAction,
} from "../actions";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** The banner after a status change (the action redirects here with ?notice=...). */
function noticeText(query: Record<string, string | string[] | undefined>): { text: string; warning: boolean } | null {
  if (query.notice === "on_sale") return { text: "The event is on sale.", warning: false };
  if (query.notice !== "cancelled") return null;
  const refunded = Number(query.refunded ?? 0) || 0;
  const failed = Number(query.failed ?? 0) || 0;
  const pending = Number(query.pending ?? 0) || 0;
  if (failed > 0 || pending > 0) {
    return { text: `Event cancelled. ${refunded} tickets refunded; ${pending} refunds will be retried automatically, ${failed} failed (see Refunds below).`, warning: true };
  }
  return { text: refunded > 0 ? `Event cancelled. ${refunded} tickets refunded.` : "Event cancelled.", warning: false };
}

/** Admin page of one event: status, details, hosts and shares, sales with refunds and comps, statement. */
export default async function AdminEventPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const actor = await requirePageActor(["admin"], `/admin/events/${id}`);
  const event = await adminGetEvent(db(), actor, id);
  if (!event) notFound();
  const query = await searchParams;
  const created = query.created === "1";
  const notice = noticeText(query);
  const [candidates, sales, statement, history, refunds] = await Promise.all([
    listHostCandidates(db(), actor),
    commerce().salesForEvent({ actor, eventId: id }),
    commerce().eventStatement({ actor, eventId: id }),
    eventHistory(db(), actor, id),
    event.status === "cancelled" ? commerce().cancellationRefunds(id) : Promise.resolve(null),
  ]);
  const editable = isEditable(event.status);
  const hostRows = Array.from({ length: MAX_HOSTS }, (_, i) => event.hosts[i]);
  return (
    <main>
      <p>
        <Link href="/admin/events">← All events</Link>
      </p>
      <StatusBadge status={event.status} /> {commerce().testMode ? <TestModeBadge /> : null}
      <h1>{event.title}</h1>
      <p className="muted">
        <LocalTime iso={event.startsAt.toISOString()} /> · {event.seatsTaken} / {event.capacity} seats taken ·{" "}
        {event.status === "draft" ? "Not public yet" : <Link href={`/events/${event.slug}`}>Public page</Link>} ·{" "}
        <Link href={`/studio/${event.id}`}>Studio</Link>
      </p>
      {created ? <p className="notice">Event created as a draft. Assign hosts, then put it on sale.</p> : null}
      {notice ? (
        <p role="status" className={notice.warning ? "notice warning" : "notice"}>
          {notice.text}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="status-heading">
        <h2 id="status-heading">Status</h2>
        <div className="actions">
          {canTransition(event.status, "on_sale") ? (
            <ActionForm action={putOnSaleAction} submitLabel="Put on sale" pendingLabel="Publishing…" className="form inline" ariaLabel="Put on sale">
              <input type="hidden" name="eventId" value={event.id} />
            </ActionForm>
          ) : null}
          {canTransition(event.status, "cancelled") ? (
            <ActionForm
              action={cancelEventAction}
              submitLabel="Cancel event and refund tickets"
              pendingLabel="Cancelling…"
              className="form inline"
              submitClassName="button danger"
              ariaLabel="Cancel event"
            >
              <input type="hidden" name="eventId" value={event.id} />
            </ActionForm>
          ) : null}
          {refunds && refunds.pending + refunds.failed > 0 ? (
            <ActionForm action={cancelEventAction} submitLabel="Retry refunds now" pendingLabel="Refunding…" className="form inline" ariaLabel="Retry refunds">
              <input type="hidden" name="eventId" value={event.id} />
            </ActionForm>
          ) : null}
          {!canTransition(event.status, "on_sale") && !canTransition(event.status, "cancelled") ? (
            <p className="muted">No admin status changes from here; live shows are started and ended from the studio.</p>
          ) : null}
        </div>
      </section>

      {refunds ? (
        <section className="panel" aria-labelledby="refunds-heading">
          <h2 id="refunds-heading">Refunds for the cancellation</h2>
          <p>
            {refunds.refunded} refunded · {refunds.revoked} complimentary revoked · {refunds.pending} pending · {refunds.failed} failed
          </p>
          {refunds.open.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th>Ticket</th>
                  <th>Status</th>
                  <th>Attempts</th>
                  <th>Next try</th>
                  <th>Last error</th>
                </tr>
              </thead>
              <tbody>
                {refunds.open.map((r) => (
                  <tr key={r.ticketId}>
                    <td>{r.ticketId}</td>
                    <td>{r.status}</td>
                    <td>{r.attempts}</td>
                    <td>{r.status === "pending" ? <LocalTime iso={r.nextAttemptAt} /> : "after Retry"}</td>
                    <td>{r.lastError ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="poster-heading">
        <h2 id="poster-heading">Poster</h2>
        <PosterUpload eventId={event.id} posterKey={event.posterKey} />
      </section>
      <section className="panel" aria-labelledby="hosts-heading">
        <h2 id="hosts-heading">Hosts and revenue shares</h2>
        <p className="muted">Up to {MAX_HOSTS} hosts; shares are in basis points and must add up to 10,000 (100%).</p>
        {editable ? (
          <ActionForm action={setHostsAction} submitLabel="Save hosts" pendingLabel="Saving…" ariaLabel="Hosts">
            <input type="hidden" name="eventId" value={event.id} />
            {hostRows.map((host, i) => (
              <div className="grid-2" key={i}>
                <label>
                  Host {i + 1}
                  <select name={`host${i}`} aria-label={`Host ${i + 1}`} defaultValue={host?.userId ?? ""}>
                    <option value="">(none)</option>
                    {candidates.map((c) => (
                      <option key={c.userId} value={c.userId}>
                        {c.name} ({c.email})
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Host {i + 1} share (bps)
                  <input name={`share${i}`} aria-label={`Host ${i + 1} share (bps)`} inputMode="numeric" defaultValue={host?.shareBps ?? ""} />
                </label>
              </div>
            ))}
          </ActionForm>
        ) : (
          <ul>
            {event.hosts.map((h) => (
              <li key={h.userId}>
                {h.name}: {formatBps(h.shareBps)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {editable ? (
        <section className="panel" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <ActionForm action={updateEventAction} submitLabel="Save changes" pendingLabel="Saving…" ariaLabel="Edit event">
            <input type="hidden" name="eventId" value={event.id} />
            <EventFields event={event} />
          </ActionForm>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="sales-heading">
        <h2 id="sales-heading">Sales</h2>
        {sales.length === 0 ? (
          <p className="muted">No tickets yet.</p>
        ) : (
          <table aria-label="Sales">
            <thead>
              <tr>
                <th>Buyer</th>
                <th>Source</th>
                <th>Status</th>
                <th className="num">Amount</th>
                <th>When</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sales.map((s) => (
                <tr key={s.ticketId}>
                  <td>
                    {s.buyerName} <span className="muted">{s.buyerEmail}</span>
                  </td>
                  <td>{s.source}</td>
                  <td>{s.status}</td>
                  <td className="num">{formatMoney(s.amountCents, s.currency)}</td>
                  <td><LocalTime iso={new Date(s.createdAt).toISOString()} /></td>
                  <td>
                    {s.status === "valid" ? (
                      <ActionForm
                        action={refundTicketAction}
                        submitLabel={s.source === "comp" || s.source === "free" ? "Revoke" : "Refund"}
                        pendingLabel="Refunding…"
                        className="form inline"
                        submitClassName="button danger small"
                        ariaLabel={`Refund ticket of ${s.buyerEmail}`}
                      >
                        <input type="hidden" name="eventId" value={event.id} />
                        <input type="hidden" name="ticketId" value={s.ticketId} />
                      </ActionForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Give a complimentary ticket</h3>
        <ActionForm action={compTicketAction} submitLabel="Give ticket" pendingLabel="Sending…" className="form inline" ariaLabel="Comp ticket">
          <input type="hidden" name="eventId" value={event.id} />
          <label>
            Account email
            <input name="email" type="email" required />
          </label>
        </ActionForm>
      </section>

      <section className="panel" aria-labelledby="statement-heading">
        <h2 id="statement-heading">Statement</h2>
        <StatementTable statement={statement} />
      </section>

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <table aria-label="Audit log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td><LocalTime iso={h.at.toISOString()} /></td>
                <td>{h.actorName}</td>
                <td>{h.action}</td>
                <td>
                  <code className="muted">{h.details}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
