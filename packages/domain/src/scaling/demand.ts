import { type ScalingConfig } from "./config";

/** Demand of one show as the autoscaler sees it at one instant. */
export interface ShowDemand {
  eventId: string;
  /** Scheduled start, ms epoch. */
  startsAt: number;
  /**
   * "scheduled" (not started yet), "live", or "replay" (ended, its replay
   * window open: watched over HLS only). Other ended shows are left out by the
   * demand source.
   */
  status: "scheduled" | "live" | "replay";
  /** Valid tickets sold (one viewer device each). */
  ticketsSold: number;
  /** Viewers on WebRTC (media service stats). */
  webrtcViewers: number;
  /** Viewers on HLS for this show, when known per show (0 otherwise). */
  hlsViewers: number;
  /**
   * False when the show is live without a WebRTC program (fed from an encoder such as OBS, no Kurento
   * graph): every viewer of it watches over HLS. True or absent when it has one or the media service
   * could not tell.
   */
  webrtcProgram?: boolean;
  /**
   * Fraction of ticket holders expected to watch at once, learned from earlier shows of the same
   * series (peak viewers ÷ tickets sold); absent: `expectedAttendance` of the configuration.
   */
  showUpRate?: number;
  /**
   * Fraction of ticket holders watching within the first `forecastLeadMs` (a boot and a tick) after
   * the start, learned from earlier shows of the same series (that early peak ÷ tickets sold). Before
   * the start the pre-warm plans for this many only: edges created at the start are ready a boot
   * later, when `showUpRate` takes over. Absent: `showUpRate` (the whole audience is pre-warmed).
   */
  startShowUpRate?: number;
}

/** Everything the policy knows about demand at one instant. */
export interface DemandSnapshot {
  shows: ShowDemand[];
  /** HLS viewers reported by the edges in total (covers viewers not attributed to a show). */
  hlsViewersOnEdges: number;
}

/**
 * Viewers expected on one show now: its current viewers, raised to
 * tickets × show-up rate (learned per series, else `expectedAttendance`) while the show is inside the pre-warm lead or the rush
 * window after its start; before the start by the series' start show-up rate when it is known (ShowDemand.startShowUpRate). 0 for a scheduled show further away than the lead.
 */
export function expectedShowViewers(show: ShowDemand, now: number, config: ScalingConfig): number {
  const current = show.hlsViewers + show.webrtcViewers;
  const untilStart = show.startsAt - now;
  const inLead = untilStart <= config.leadTimeMs;
  const inRush = now - show.startsAt <= config.rushWindowMs;
  const peakRate = show.showUpRate ?? config.expectedAttendance;
  // Before the start only the audience of the first boot after it needs edges already running.
  const rate = show.status === "scheduled" && untilStart > 0 ? Math.min(peakRate, show.startShowUpRate ?? peakRate) : peakRate;
  const ticketFloor = inLead && inRush ? Math.ceil(show.ticketsSold * rate) : 0;
  if (show.status === "replay" || (show.status === "scheduled" && !inLead)) return current;
  return Math.max(current, ticketFloor);
}

/**
 * HLS viewers the edges must carry. Edges report their viewers in total and
 * per show (`hlsViewers`); viewers not attributed to a show (an edge that
 * reports totals only) are shared among the live shows in proportion to their
 * tickets sold. Then, per show, the viewers above
 * its WebRTC threshold (never less than its HLS viewers, and at least 1 when
 * its WebRTC side is full; a live show without a WebRTC program has a
 * threshold of 0 and always keeps an edge), plus each open replay's HLS viewers (at least 1,
 * so an edge stays up while a replay can be watched), summed, and never less
 * than what the edges report in total.
 */
export function edgeViewerDemand(demand: DemandSnapshot, now: number, config: ScalingConfig): number {
  const live = demand.shows.filter((s) => s.status === "live");
  const known = demand.shows.reduce((n, s) => n + s.hlsViewers, 0);
  const unattributed = Math.max(0, demand.hlsViewersOnEdges - known);
  const weights = live.reduce((n, s) => n + Math.max(1, s.ticketsSold), 0);
  let total = 0;
  for (const show of demand.shows) {
    if (show.status === "replay") {
      // A replay is HLS only; one viewer's worth keeps an edge up while its window is open, so the first viewer finds one.
      total += Math.max(show.hlsViewers, 1);
      continue;
    }
    const share = show.status === "live" && weights > 0 ? (unattributed * Math.max(1, show.ticketsSold)) / weights : 0;
    const estimated = { ...show, hlsViewers: show.hlsViewers + share };
    const expected = expectedShowViewers(estimated, now, config);
    // A show fed from an encoder has no WebRTC side: all of its viewers are HLS viewers.
    const threshold = show.webrtcProgram === false ? 0 : config.webrtcViewersPerShow;
    // A show whose WebRTC side is full (or absent) overflows even if no edge reports it yet.
    const saturated = show.status === "live" && show.webrtcViewers >= threshold ? 1 : 0;
    total += Math.max(estimated.hlsViewers, expected - threshold, saturated);
  }
  return Math.ceil(Math.max(total, demand.hlsViewersOnEdges));
}
