import { formatMoney } from "@limelight/domain/events/money";
import type { HostPayoutStatement } from "@/server/payouts/payout-statement";
import { LocalTime } from "./local-time";

/** A host's payouts: balance per currency and every transfer, reversal and debt (newest first). */
export function PayoutStatementView({ statement }: { statement: HostPayoutStatement }) {
  return (
    <>
      <p>
        {statement.balances.length === 0
          ? "No settled earnings yet."
          : statement.balances.map((b) => (
              <span key={b.currency}>
                {b.balanceCents >= 0 ? "Owed to you: " : "Your debt (deducted from your next transfer): "}
                <strong>{formatMoney(Math.abs(b.balanceCents), b.currency)}</strong>{" "}
              </span>
            ))}
      </p>
      {statement.movements.length === 0 ? (
        <p className="muted">No transfers yet.</p>
      ) : (
        <table aria-label="Payout movements">
          <thead>
            <tr>
              <th>When</th>
              <th>Show</th>
              <th>Movement</th>
              <th>Status</th>
              <th className="num">Amount</th>
              <th>Stripe id</th>
            </tr>
          </thead>
          <tbody>
            {statement.movements.map((m, i) => (
              <tr key={`${m.kind}-${m.stripeId ?? i}-${m.at}`}>
                <td>
                  <LocalTime iso={m.at} />
                </td>
                <td>{m.eventTitle}</td>
                <td>{m.kind === "transfer" ? "Transfer" : m.kind === "reversal" ? "Reversal (refund)" : "Debt (refund)"}</td>
                <td>{m.status}</td>
                <td className="num">{m.amountCents < 0 ? `−${formatMoney(-m.amountCents, m.currency)}` : formatMoney(m.amountCents, m.currency)}</td>
                <td>
                  <code>{m.stripeId ?? "—"}</code>
                  {m.note ? <span className="muted"> {m.note}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
