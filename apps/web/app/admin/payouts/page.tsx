import Link from "next/link";
import { formatMoney } from "@limelight/domain/events/money";
import { ActionForm } from "@/components/action-form";
import { LocalTime } from "@/components/local-time";
import { requirePageActor } from "@/server/auth/session";
import { TestModeBadge } from "@/components/status-badge";
import { payouts, payoutsTestMode } from "@/server/payouts";
import { listSettlements } from "@/server/payouts/payout-statement";
import { settleNowAction } from "./actions";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** Admin: ended shows with their settlement (window or "Settle now") and each host's transfer. Admins only. */
export default async function AdminPayoutsPage() {
  const actor = await requirePageActor(["admin"], "/admin/payouts");
  const deps = payouts();
  const rows = await listSettlements(deps, { actor });
  return (
    <main>
      <h1>Payouts</h1>
      {payoutsTestMode() ? <TestModeBadge /> : null}
      <p className="muted">
        Ended shows are settled {Math.round(deps.settlementWindowMs / 3_600_000)} hours after they end: one Stripe transfer per host. Settle earlier here.
      </p>
      {rows.length === 0 ? <p className="muted">No ended shows yet.</p> : null}
      {rows.map((row) => (
        <section className="panel" key={row.eventId} aria-label={`Settlement of ${row.title}`}>
          <h2>
            <Link href={`/admin/events/${row.eventId}`}>{row.title}</Link>
          </h2>
          <p className="muted">
            {row.endedAt ? (
              <>
                Ended <LocalTime iso={row.endedAt} />
              </>
            ) : null}
            {row.settledAt ? (
              <>
                {" "}
                · settled <LocalTime iso={row.settledAt} />
              </>
            ) : row.dueAt ? (
              <>
                {" "}
                · settles <LocalTime iso={row.dueAt} />
              </>
            ) : null}
          </p>
          {row.payouts.length > 0 ? (
            <table aria-label={`Transfers for ${row.title}`}>
              <thead>
                <tr>
                  <th>Host</th>
                  <th>Status</th>
                  <th className="num">Amount</th>
                  <th>Transfer</th>
                </tr>
              </thead>
              <tbody>
                {row.payouts.map((p, i) => (
                  <tr key={`${p.hostUserId}-${i}`}>
                    <td>{p.hostName}</td>
                    <td>{p.status}</td>
                    <td className="num">{formatMoney(p.amountCents, p.currency)}</td>
                    <td>
                      <code>{p.transferId ?? "—"}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {!row.settledAt ? (
            <ActionForm action={settleNowAction} submitLabel="Settle now" pendingLabel="Settling…" ariaLabel={`Settle ${row.title}`}>
              <input type="hidden" name="eventId" value={row.eventId} />
            </ActionForm>
          ) : null}
        </section>
      ))}
    </main>
  );
}
