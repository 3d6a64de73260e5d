import { type ScalingConfig } from "./config";
import { type DemandSnapshot } from "./demand";

/** One observation kept by the policy for forecasting. Times in ms epoch, viewers as counts. */
export interface DemandSample {
  at: number;
  /** Edge viewer demand at `at` (edgeViewerDemand). */
  viewers: number;
  /** Most HLS viewers the tickets sold allow at `at` (ticketCeiling). */
  ceiling: number;
  /** Tickets sold per live show at `at` (event id → tickets): walk-up sales while live raise the ceiling. */
  live?: Record<string, number>;
}

/** Tickets sold per live show, for DemandSample.live. */
export function liveTickets(demand: DemandSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const show of demand.shows) if (show.status === "live") out[show.eventId] = show.ticketsSold;
  return out;
}

/** Tickets sold per ms while live, summed over the shows live now, each measured from its first live sample in the window. */
function liveSalesPerMs(samples: readonly DemandSample[]): number {
  const current = samples[samples.length - 1];
  if (!current?.live) return 0;
  let rate = 0;
  for (const [eventId, tickets] of Object.entries(current.live)) {
    const first = samples.find((s) => s.live?.[eventId] !== undefined);
    if (!first || first.at >= current.at) continue;
    rate += Math.max(0, tickets - (first.live?.[eventId] ?? tickets)) / (current.at - first.at);
  }
  return rate;
}

/**
 * Most HLS viewers the shows can have now: each live show's or pre-warmed
 * (within the lead) scheduled show's tickets sold (one device each) above its WebRTC threshold, plus each replay's current HLS
 * viewers (at least 1). Viewers never exceed tickets, so noise above this is impossible.
 */
export function ticketCeiling(demand: DemandSnapshot, now: number, config: ScalingConfig): number {
  let total = 0;
  for (const show of demand.shows) {
    if (show.status === "scheduled" && show.startsAt - now > config.leadTimeMs) continue; // nobody watches it yet
    if (show.status === "replay") {
      total += Math.max(1, show.hlsViewers);
      continue;
    }
    const threshold = show.webrtcProgram === false ? 0 : config.webrtcViewersPerShow;
    total += Math.max(show.status === "live" ? 1 : 0, show.ticketsSold - threshold);
  }
  return Math.max(total, demand.hlsViewersOnEdges);
}

/**
 * Edge viewers to provision for now, so that demand arriving before a new
 * edge could boot finds capacity: the highest demand seen over
 * `forecastWindowMs` (covers noise) or the current demand plus its growth over
 * the window extrapolated `forecastLeadMs` ahead, whichever is higher; but never
 * above the ticket ceiling plus the tickets live shows are selling, extrapolated
 * the same way (viewers cannot outnumber tickets), and never below the current demand. `samples` are oldest first and
 * include the current one (last). Pure.
 */
export function forecastViewers(samples: readonly DemandSample[], config: ScalingConfig): { planned: number; trend: number } {
  const current = samples[samples.length - 1];
  if (!current) return { planned: 0, trend: 0 };
  const first = samples[0] as DemandSample;
  const span = current.at - first.at;
  const perMs = (a: number, b: number) => (span > 0 ? Math.max(0, (b - a) / span) : 0);
  const recentMax = Math.max(...samples.map((s) => s.viewers));
  const trend = current.viewers + perMs(first.viewers, current.viewers) * config.forecastLeadMs;
  const ceiling = current.ceiling + liveSalesPerMs(samples) * config.forecastLeadMs;
  return {
    planned: Math.ceil(Math.max(current.viewers, Math.min(Math.max(recentMax, trend), ceiling))),
    trend: Math.ceil(Math.max(current.viewers, Math.min(trend, ceiling))),
  };
}
