/** One earlier show of a series as the autoscaler saw it. */
export interface AttendanceRecord {
  /** Valid tickets sold. */
  ticketsSold: number;
  /** Most viewers (WebRTC + HLS) watching at once. */
  peakViewers: number;
  /** Most viewers at once within the first boot and tick after the start; null or absent when not watched then. */
  startPeakViewers?: number | null;
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

/**
 * A series' start show-up rate (fraction of ticket holders watching within the
 * first boot and tick after the start, DemandSnapshot.startShowUpRate), learned
 * like showUpRateFromHistory from the earlier shows whose start was watched
 * (startPeakViewers known) and that had at least 10 tickets. Undefined without
 * such a show: the pre-warm then plans for the whole show-up rate.
 */
export function startShowUpRateFromHistory(history: readonly AttendanceRecord[]): number | undefined {
  const watched = history.filter((h): h is AttendanceRecord & { startPeakViewers: number } => typeof h.startPeakViewers === "number");
  return showUpRateFromHistory(watched.map((h) => ({ ticketsSold: h.ticketsSold, peakViewers: h.startPeakViewers })));
}
