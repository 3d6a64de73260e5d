import { z } from "zod";

/**
 * Tunables of the scaling policy. Times in ms, money in cents (fractional
 * cents allowed for hourly prices: Vultr bills monthly ÷ 672 per hour).
 */
export const scalingConfigSchema = z.object({
  /** HLS viewers one edge carries at 100 % (bandwidth-bound: about 300 per Gbit/s at 2.9 Mbit/s). */
  viewersPerEdge: z.number().int().positive(),
  /** Fraction of each edge kept free when scaling out (0.2 → plan for 80 % load). */
  headroom: z.number().min(0).lt(1),
  /** Scale in only when the remaining edges would run at most this utilisation (hysteresis; below 1 − headroom). */
  scaleInUtilisation: z.number().gt(0).lt(1),
  /** WebRTC viewers one show's media server carries before viewers overflow to HLS edges. */
  webrtcViewersPerShow: z.number().int().min(0),
  /** Fraction of tickets sold expected to watch at once (pre-warm and rush floor). */
  expectedAttendance: z.number().min(0).max(1),
  /** Pre-warm lead before a scheduled start, ms; must exceed the edge boot time. */
  leadTimeMs: z.number().int().positive(),
  /** After a show starts, tickets sold stay a demand floor for this long (the rush), ms. */
  rushWindowMs: z.number().int().min(0),
  /** Fewest edges kept running (active, not draining). */
  minEdges: z.number().int().min(0),
  /** Most edges running at once. */
  maxEdges: z.number().int().min(0),
  /** Hourly budget cap, cents per hour; every billed edge (also draining) counts. */
  budgetCentsPerHour: z.number().min(0),
  /** Price of one edge, cents per hour (monthly ÷ 672). */
  hourlyCostCents: z.number().positive(),
  /** No scale-in within this time after a scale-out, ms. */
  scaleInCooldownMs: z.number().int().min(0),
  /** Scale in only to the highest scale-in need seen over this window, ms. */
  stabilisationWindowMs: z.number().int().min(0),
  /** Edges drained per scale-in step. */
  scaleInStep: z.number().int().positive(),
  /** A draining edge is deleted when idle or after this long, ms. */
  maxDrainMs: z.number().int().positive(),
  /** Demand history the forecast looks at (noise peaks, growth), ms. */
  forecastWindowMs: z.number().int().min(0),
  /** How far ahead growth is extrapolated: edge boot time plus a tick or two, ms. */
  forecastLeadMs: z.number().int().min(0),
  /**
   * Billing-aware scale-in: an edge is only drained within this long before the end of the hour
   * already paid (the provider bills started hours), so it serves for free until then, ms.
   */
  drainBeforeHourEndMs: z.number().int().min(0),
  /** A draining edge is deleted once this little of its paid hour is left (at least one tick plus the delete call), ms. */
  deleteBeforeHourEndMs: z.number().int().min(0),
  /**
   * Whether edges bill per started hour (Vultr). False (local edges, free): scale in at any time and
   * delete a draining edge as soon as it is idle; the two hour-end settings are ignored.
   */
  hourlyBilling: z.boolean(),
});

/** See `scalingConfigSchema` for each field's meaning and unit. */
export type ScalingConfig = z.infer<typeof scalingConfigSchema>;

/** Defaults for a small platform on vc2-1c-1gb edges ($5/month → 500/672 ≈ 0.744 cents/hour). */
export const defaultScalingConfig: ScalingConfig = {
  viewersPerEdge: 100,
  headroom: 0,
  scaleInUtilisation: 0.9,
  webrtcViewersPerShow: 50,
  expectedAttendance: 1,
  leadTimeMs: 5 * 60_000,
  rushWindowMs: 20 * 60_000,
  minEdges: 0,
  maxEdges: 20,
  budgetCentsPerHour: 20,
  hourlyCostCents: 500 / 672,
  scaleInCooldownMs: 5 * 60_000,
  stabilisationWindowMs: 5 * 60_000,
  scaleInStep: 1,
  maxDrainMs: 30 * 60_000,
  forecastWindowMs: 8 * 60_000,
  forecastLeadMs: 3 * 60_000,
  drainBeforeHourEndMs: 10 * 60_000,
  deleteBeforeHourEndMs: 60_000,
  hourlyBilling: true,
};
