/** One earlier show of a series as the autoscaler saw it. */
export interface AttendanceRecord {
  /** Valid tickets sold. */
  ticketsSold: number;
  /** Most viewers (WebRTC + HLS) watching at once. */
  peakViewers: number;
}

/** Shows with fewer tickets than this say little about a series' show-up rate. */
const MIN_TICKETS = 10;

/**
 * A series' show-up rate (fraction of ticket holders watching at the peak),
 * learned from its earlier shows: the mean of peak ÷ tickets (each capped at 1)
 * over shows with at least 10 tickets, rounded up to 0.05 (pre-warming a little
 * more is cheaper than turning viewers away). Undefined without such a show:
 * the caller falls back to its configured default.
 */
export function showUpRateFromHistory(history: readonly AttendanceRecord[]): number | undefined {
  const usable = history.filter((h) => h.ticketsSold >= MIN_TICKETS);
  if (usable.length === 0) return undefined;
  const mean = usable.reduce((n, h) => n + Math.min(1, h.peakViewers / h.ticketsSold), 0) / usable.length;
  return Math.min(1, Math.ceil(mean * 20 - 1e-9) / 20);
}
