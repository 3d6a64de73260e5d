import { type ScalingConfig } from "./config";
import { msLeftInBilledHour } from "./billing";
import { edgeViewerDemand, type DemandSnapshot } from "./demand";
import { forecastViewers, liveTickets, ticketCeiling, type DemandSample } from "./forecast";

/**
 * Lifecycle of an edge as the policy sees it:
 * - "creating": intent recorded, provider call not confirmed yet;
 * - "booting": the provider has the instance, its /healthz does not answer yet;
 * - "ready": /healthz answers, viewers may be routed to it;
 * - "draining": no new viewers; deleted when idle or after `maxDrainMs`;
 * - "failed": unhealthy, to be replaced and deleted;
 * - "deleting": delete requested, retried until the provider no longer lists it.
 */
export type EdgeStatus = "creating" | "booting" | "ready" | "draining" | "failed" | "deleting";

/** One edge as input to the policy. Times in ms epoch. */
export interface FleetEdge {
  id: string;
  status: EdgeStatus;
  /** HLS viewers currently on this edge (its own report). */
  viewers: number;
  createdAt: number;
  drainStartedAt: number | null;
}

/** What the policy remembers between ticks (persisted with each decision so restarts keep it). */
export interface PolicyState {
  /** Scale-in needs seen inside the stabilisation window, oldest first. */
  history: { at: number; needIn: number }[];
  /** Last time edges were added (ms epoch), or null. */
  lastScaleOutAt: number | null;
  /** Last time edges were drained for scale-in (ms epoch), or null. */
  lastScaleInAt: number | null;
  /** Demand samples inside the forecast window, oldest first (absent in state written by older versions). */
  samples?: DemandSample[];
}

/** The state of a fresh autoscaler. */
export const initialPolicyState: PolicyState = { history: [], lastScaleOutAt: null, lastScaleInAt: null, samples: [] };

/** Actions one tick asks the reconciler to carry out. */
export interface ScalingActions {
  /** New edges to create. */
  create: number;
  /** Draining edges to put back in service (cheaper and faster than creating). */
  undrain: string[];
  /** Edges to stop routing new viewers to. */
  drain: string[];
  /** Edges to delete at the provider (idle or drain-expired draining edges, failed edges). */
  delete: string[];
}

/** The policy's answer for one tick, with the numbers it used (written to the audit table). */
export interface ScalingDecisionResult {
  /** Active edges wanted after this tick (creating + booting + ready). */
  desired: number;
  reason: "scale-out" | "scale-in" | "cap" | "steady";
  actions: ScalingActions;
  state: PolicyState;
  inputs: {
    edgeViewers: number;
    /** Edge viewers provisioned for (forecastViewers). */
    planned: number;
    needOut: number;
    needIn: number;
    scaleInTarget: number;
    cap: number;
    budgetEdges: number;
    active: number;
    billed: number;
    budgetLimited: boolean;
  };
}

/**
 * What the provider says about spend, beyond the policy's own edge list.
 * `billedAtProvider`: instances the provider lists with our tag plus creates
 * in flight whose reply was lost (the cap and the budget count the larger of
 * this and the edges given). `createsAllowed`: most creates this tick (the
 * per-minute create rate left); absent = no limit.
 */
export interface SpendLimits {
  billedAtProvider?: number;
  createsAllowed?: number;
}

const ACTIVE: ReadonlySet<EdgeStatus> = new Set(["creating", "booting", "ready"]);

/** Edges the hourly budget pays for: floor(budget ÷ hourly cost). */
export function budgetEdges(config: ScalingConfig): number {
  return Math.floor(config.budgetCentsPerHour / config.hourlyCostCents + 1e-9);
}

/**
 * Decides one tick. Pure: same inputs, same answer.
 * - Plans for the forecast demand (forecast.ts: the highest demand over the
 *   forecast window or its growth extrapolated over a boot, capped by the
 *   tickets sold) at `1 − headroom` of each edge's capacity.
 * - Scales out at once, first by undraining, then by creating; never past
 *   `maxEdges` nor the hourly budget, counting every billed instance (draining,
 *   failed, and what the provider lists in `limits`), and never more creates
 *   than `limits.createsAllowed`.
 * - Scales in slowly and billing-aware: only to the highest need (at
 *   `scaleInUtilisation`) seen over the stabilisation window, only after the
 *   cooldown, `scaleInStep` edges at a time, and only edges within
 *   `drainBeforeHourEndMs` of the end of their paid hour (the provider bills
 *   started hours: deleting earlier saves nothing); without hourly billing
 *   (local edges) the edges with the fewest viewers, the newest first, like
 *   the cap (the longest-running edges stay). A draining edge is deleted
 *   when its paid hour is about to end, after `maxDrainMs`, or at once when
 *   idle and the fleet is over the cap; an idle draining edge is otherwise
 *   kept, ready to be put back for free.
 * - At the end of a paid hour (within `deleteBeforeHourEndMs`), an edge the
 *   forecast alone does not need (its window's peak, so oscillation keeps it)
 *   is drained and deleted at once, outside the stabilisation window and
 *   `scaleInStep` but not within the cooldown after a scale-out: keeping it
 *   would buy a whole started hour (the end of a show).
 * - Failed edges are deleted (their replacement comes from the scale-out rule).
 */
export function decideScaling(
  now: number,
  demand: DemandSnapshot,
  edges: FleetEdge[],
  previous: PolicyState,
  config: ScalingConfig,
  limits: SpendLimits = {},
): ScalingDecisionResult {
  const edgeViewers = edgeViewerDemand(demand, now, config);
  const samples = [...(previous.samples ?? []).filter((s) => s.at > now - config.forecastWindowMs && s.at < now), { at: now, viewers: edgeViewers, ceiling: ticketCeiling(demand, now, config), live: liveTickets(demand) }];
  const forecast = edgeViewers > 0 ? forecastViewers(samples, config) : { planned: 0, trend: 0 };
  const planned = forecast.planned;
  const needOut = planned > 0 ? Math.ceil(planned / (config.viewersPerEdge * (1 - config.headroom))) : 0;
  const needIn = forecast.trend > 0 ? Math.ceil(forecast.trend / (config.viewersPerEdge * config.scaleInUtilisation)) : 0;
  const byBudget = budgetEdges(config);
  const cap = Math.min(config.maxEdges, byBudget);
  const clamp = (n: number) => Math.min(cap, Math.max(config.minEdges, n));

  const history = [...previous.history.filter((h) => h.at > now - config.stabilisationWindowMs), { at: now, needIn }];
  // Never scale in below what scale-out would add back at once (no drain-then-undrain flap).
  const scaleInTarget = clamp(Math.max(needOut, ...history.map((h) => h.needIn)));
  const targetOut = clamp(needOut);

  const active = edges.filter((e) => ACTIVE.has(e.status));
  const draining = edges.filter((e) => e.status === "draining");
  const billed = Math.max(edges.length, limits.billedAtProvider ?? 0);
  const actions: ScalingActions = { create: 0, undrain: [], drain: [], delete: [] };
  let state: PolicyState = { ...previous, history, samples };
  let reason: ScalingDecisionResult["reason"] = "steady";
  let desired = active.length;
  let budgetLimited = false;

  // The cooldown runs from the last scale-out: scale-in steps may follow each other (each edge at its own hour end).
  const sinceLastScale = previous.lastScaleOutAt === null ? Infinity : now - previous.lastScaleOutAt;
  const paidLeft = (e: FleetEdge) => msLeftInBilledHour(e.createdAt, now);
  const pickToDrain = (n: number) =>
    active
      .filter((e) => e.status !== "creating")
      .sort((a, b) => a.viewers - b.viewers || b.createdAt - a.createdAt)
      .slice(0, n)
      .map((e) => e.id);
  // Billing-aware scale-in: only edges whose paid hour ends soon, the soonest first.
  // Without hourly billing no hour is paid ahead: the fewest viewers, then the newest, as for the cap.
  const pickAtHourEnd = (n: number) =>
    config.hourlyBilling
      ? active
          .filter((e) => e.status !== "creating" && paidLeft(e) <= config.drainBeforeHourEndMs)
          .sort((a, b) => paidLeft(a) - paidLeft(b) || a.viewers - b.viewers)
          .slice(0, n)
          .map((e) => e.id)
      : pickToDrain(n);

  // Edges whose paid hour ends before the next decision could let them go (delete margin), the soonest first.
  const pickHourEnding = (n: number) =>
    active
      .filter((e) => e.status !== "creating" && paidLeft(e) <= config.deleteBeforeHourEndMs)
      .sort((a, b) => paidLeft(a) - paidLeft(b) || a.viewers - b.viewers)
      .slice(0, n)
      .map((e) => e.id);

  if (active.length > cap) {
    actions.drain = pickToDrain(active.length - cap);
    desired = active.length - actions.drain.length;
    reason = "cap";
    state = { ...state, lastScaleInAt: now };
  } else if (targetOut > active.length) {
    let missing = targetOut - active.length;
    actions.undrain = [...draining]
      .sort((a, b) => b.viewers - a.viewers)
      .slice(0, missing)
      .map((e) => e.id);
    missing -= actions.undrain.length;
    // Every billed instance counts against both the budget and maxEdges: live VMs never exceed the cap.
    const room = Math.max(0, cap - billed);
    actions.create = Math.min(missing, room, limits.createsAllowed ?? Infinity);
    budgetLimited = actions.create < missing;
    desired = active.length + actions.undrain.length + actions.create;
    if (desired > active.length) {
      reason = "scale-out";
      state = { ...state, lastScaleOutAt: now };
    }
  } else if (scaleInTarget < active.length && sinceLastScale >= config.scaleInCooldownMs) {
    actions.drain = pickAtHourEnd(Math.min(config.scaleInStep, active.length - scaleInTarget));
    if (actions.drain.length > 0) {
      desired = active.length - actions.drain.length;
      reason = "scale-in";
      state = { ...state, lastScaleInAt: now };
    }
  }
  if (reason === "steady" && config.hourlyBilling && targetOut < active.length && sinceLastScale >= config.scaleInCooldownMs) {
    // An edge about to start a new paid hour that the forecast (its window's peak) does not need is let go now:
    // keeping it buys a whole hour, so the stabilisation window and step do not hold it back (the cooldown still does).
    actions.drain = pickHourEnding(active.length - targetOut);
    if (actions.drain.length > 0) {
      desired = active.length - actions.drain.length;
      reason = "scale-in";
      state = { ...state, lastScaleInAt: now };
    }
  }

  const undrained = new Set(actions.undrain);
  const justDrained = new Set(actions.drain);
  for (const edge of edges) {
    if (edge.status === "failed") actions.delete.push(edge.id);
    const isDraining = (edge.status === "draining" && !undrained.has(edge.id)) || justDrained.has(edge.id);
    if (!isDraining) continue;
    const drainStart = justDrained.has(edge.id) ? now : (edge.drainStartedAt ?? now);
    // An idle draining edge is kept while its hour is paid (it may be put back for free) unless the cap needs it gone.
    const idleAndOverCap = edge.viewers <= 0 && (billed > cap || !config.hourlyBilling);
    const hourEnds = config.hourlyBilling && paidLeft(edge) <= config.deleteBeforeHourEndMs;
    if (idleAndOverCap || hourEnds || now - drainStart >= config.maxDrainMs) actions.delete.push(edge.id);
  }

  return {
    desired,
    reason,
    actions,
    state,
    inputs: { edgeViewers, planned, needOut, needIn, scaleInTarget, cap, budgetEdges: byBudget, active: active.length, billed, budgetLimited },
  };
}
