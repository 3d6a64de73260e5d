import { type ScalingConfig } from "./config";
import { edgeViewerDemand, type DemandSnapshot } from "./demand";

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
}

/** The state of a fresh autoscaler. */
export const initialPolicyState: PolicyState = { history: [], lastScaleOutAt: null, lastScaleInAt: null };

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

const ACTIVE: ReadonlySet<EdgeStatus> = new Set(["creating", "booting", "ready"]);

/** Edges the hourly budget pays for: floor(budget ÷ hourly cost). */
export function budgetEdges(config: ScalingConfig): number {
  return Math.floor(config.budgetCentsPerHour / config.hourlyCostCents + 1e-9);
}

/**
 * Decides one tick. Pure: same inputs, same answer.
 * - Scale out at once to ceil(edge viewers ÷ (capacity × (1 − headroom))), first by
 *   undraining, then by creating; never past `maxEdges` nor the hourly budget
 *   (every billed edge counts, draining and failed ones too).
 * - Scale in slowly: only to the highest need (at `scaleInUtilisation`) seen over
 *   the stabilisation window, only after the cooldown, `scaleInStep` edges at a time,
 *   the least-loaded first; an edge is drained, never deleted with viewers, and
 *   deleted when idle or after `maxDrainMs`.
 * - Failed edges are deleted (their replacement comes from the scale-out rule).
 */
export function decideScaling(
  now: number,
  demand: DemandSnapshot,
  edges: FleetEdge[],
  previous: PolicyState,
  config: ScalingConfig,
): ScalingDecisionResult {
  const edgeViewers = edgeViewerDemand(demand, now, config);
  const needOut = edgeViewers > 0 ? Math.ceil(edgeViewers / (config.viewersPerEdge * (1 - config.headroom))) : 0;
  const needIn = edgeViewers > 0 ? Math.ceil(edgeViewers / (config.viewersPerEdge * config.scaleInUtilisation)) : 0;
  const byBudget = budgetEdges(config);
  const cap = Math.min(config.maxEdges, byBudget);
  const clamp = (n: number) => Math.min(cap, Math.max(config.minEdges, n));

  const history = [...previous.history.filter((h) => h.at > now - config.stabilisationWindowMs), { at: now, needIn }];
  const scaleInTarget = clamp(Math.max(...history.map((h) => h.needIn)));
  const targetOut = clamp(needOut);

  const active = edges.filter((e) => ACTIVE.has(e.status));
  const draining = edges.filter((e) => e.status === "draining");
  const billed = edges.length;
  const actions: ScalingActions = { create: 0, undrain: [], drain: [], delete: [] };
  let state: PolicyState = { ...previous, history };
  let reason: ScalingDecisionResult["reason"] = "steady";
  let desired = active.length;
  let budgetLimited = false;

  const sinceLastScale = Math.min(
    previous.lastScaleOutAt === null ? Infinity : now - previous.lastScaleOutAt,
    previous.lastScaleInAt === null ? Infinity : now - previous.lastScaleInAt,
  );
  const pickToDrain = (n: number) =>
    active
      .filter((e) => e.status !== "creating")
      .sort((a, b) => a.viewers - b.viewers || b.createdAt - a.createdAt)
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
    const room = Math.max(0, byBudget - billed);
    actions.create = Math.min(missing, room);
    budgetLimited = actions.create < missing;
    desired = active.length + actions.undrain.length + actions.create;
    if (desired > active.length) {
      reason = "scale-out";
      state = { ...state, lastScaleOutAt: now };
    }
  } else if (scaleInTarget < active.length && sinceLastScale >= config.scaleInCooldownMs) {
    actions.drain = pickToDrain(Math.min(config.scaleInStep, active.length - scaleInTarget));
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
    if (edge.viewers <= 0 || now - drainStart >= config.maxDrainMs) actions.delete.push(edge.id);
  }

  return {
    desired,
    reason,
    actions,
    state,
    inputs: { edgeViewers, needOut, needIn, scaleInTarget, cap, budgetEdges: byBudget, active: active.length, billed, budgetLimited },
  };
}
