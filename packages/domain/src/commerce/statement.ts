/**
 * Statement math for one show: totals from ledger entries (one row per host
 * per sale, tip or refund, in cents; refunds negative).
 */

/** A ledger entry as the statement reads it. */
export interface LedgerLine {
  hostUserId: string;
  /** "ticket" | "tip" | "refund" */
  sourceType: string;
  /** Signed cents (refunds negative). */
  amountCents: number;
}

/** Totals of a statement, all in cents. */
export interface StatementTotals {
  /** Net per host (sales + tips - refunds), keyed by host user id. */
  perHost: Map<string, number>;
  /** Sum over all hosts' ledger lines. */
  ledgerNetCents: number;
}

/** Sums ledger lines per host. Hosts with no line are absent from perHost. */
export function sumLedger(lines: readonly LedgerLine[]): StatementTotals {
  const perHost = new Map<string, number>();
  let ledgerNetCents = 0;
  for (const line of lines) {
    perHost.set(line.hostUserId, (perHost.get(line.hostUserId) ?? 0) + line.amountCents);
    ledgerNetCents += line.amountCents;
  }
  return { perHost, ledgerNetCents };
}

/** Gross and net of a show from its payments (cents): net = tickets + tips - refunds. */
export function statementNet(grossTicketsCents: number, grossTipsCents: number, refundsCents: number): number {
  return grossTicketsCents + grossTipsCents - refundsCents;
}
