import { formatBps, formatMoney } from "@limelight/domain/events/money";
import type { EventStatement } from "@/server/commerce";

/** A show's statement: gross tickets and tips, refunds, net, and each host's amount. */
export function StatementTable({ statement }: { statement: EventStatement }) {
  const money = (cents: number) => formatMoney(cents, statement.currency);
  return (
    <>
      <table aria-label={`Statement for ${statement.title}`}>
        <tbody>
          <tr>
            <th>Tickets sold</th>
            <td className="num">{statement.ticketsSold}</td>
            <th>Gross tickets</th>
            <td className="num">{money(statement.grossTicketsCents)}</td>
          </tr>
          <tr>
            <th>Tips</th>
            <td className="num">{statement.tipsConfirmed}</td>
            <th>Gross tips</th>
            <td className="num">{money(statement.grossTipsCents)}</td>
          </tr>
          <tr>
            <th>Refunded tickets</th>
            <td className="num">{statement.ticketsRefunded}</td>
            <th>Refunds</th>
            <td className="num">{statement.refundsCents > 0 ? `−${money(statement.refundsCents)}` : money(0)}</td>
          </tr>
          <tr>
            <th colSpan={3}>Net</th>
            <td className="num">
              <strong>{money(statement.netCents)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <table aria-label="Per-host amounts">
        <thead>
          <tr>
            <th>Host</th>
            <th className="num">Share</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {statement.hosts.map((h) => (
            <tr key={h.userId}>
              <td>{h.name}</td>
              <td className="num">{formatBps(h.shareBps)}</td>
              <td className="num">{money(h.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
