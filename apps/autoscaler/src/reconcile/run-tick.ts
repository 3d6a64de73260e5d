import { type EdgeModel as Edge } from "@limelight/db";
import { decideScaling, type EdgeStatus, type FleetEdge, type ScalingDecisionResult } from "@limelight/domain/scaling/policy";
import { loadPolicyState } from "../fleet/policy-state-store";
import { checkHealth } from "./check-health";
import { createEdge } from "./create-edge";
import { deleteEdge } from "./delete-edge";
import { syncWithProvider } from "./sync-with-provider";
import { liveEdges, newJournal, type TickContext, type TickJournal } from "./tick-context";

/** The outcome of one tick. */
export interface TickResult {
  decision: ScalingDecisionResult;
  journal: TickJournal;
  /** Edge rows after the tick (everything but "deleted"). */
  edges: Edge[];
}

const STEADY_RETENTION_MS = 7 * 24 * 3_600_000;

function toFleetEdge(edge: Edge): FleetEdge {
  return {
    id: edge.id,
    status: edge.status as EdgeStatus,
    viewers: edge.viewers,
    createdAt: edge.createdAt.getTime(),
    drainStartedAt: edge.drainStartedAt ? edge.drainStartedAt.getTime() : null,
  };
}

/**
 * One reconciliation tick: sync rows with the provider (adopt, abandon,
 * orphans), check every edge's /healthz, retry pending deletes, read demand,
 * decide (packages/domain/src/scaling/policy.ts), carry out the actions, and
 * write the decision with its inputs to ScalingDecision and to the metrics.
 * Throws only when the database fails.
 */
export async function runTick(ctx: TickContext): Promise<TickResult> {
  const journal = newJournal();
  const providerOk = await syncWithProvider(ctx, journal);
  await checkHealth(ctx, journal);

  const now = ctx.now();
  const before = await liveEdges(ctx);
  const demand = await ctx.demand.read(now);
  const state = await loadPolicyState(ctx.db);
  const decision = decideScaling(now, demand, before.map(toFleetEdge), state, ctx.config);
  const byId = new Map(before.map((e) => [e.id, e]));
  if (ctx.renewLease && !(await ctx.renewLease())) {
    ctx.log.warn("lease lost to another autoscaler; not acting this tick");
    decision.actions.create = 0;
    decision.actions.drain = [];
    decision.actions.undrain = [];
    decision.actions.delete = [];
    journal.errors.push("lease lost");
    return { decision, journal, edges: before };
  }

  for (const id of decision.actions.undrain) {
    const edge = byId.get(id);
    if (!edge) continue;
    await ctx.db.edge.update({ where: { id }, data: { status: edge.readyAt ? "ready" : "booting", drainStartedAt: null } });
    journal.undrained.push(edge.label);
  }
  for (const id of decision.actions.drain) {
    const edge = byId.get(id);
    if (!edge) continue;
    const updated = await ctx.db.edge.update({ where: { id }, data: { status: "draining", drainStartedAt: new Date(now) } });
    byId.set(id, updated);
    journal.drained.push(edge.label);
  }
  if (providerOk) {
    const toDelete = new Set(decision.actions.delete);
    for (const edge of before) if (edge.status === "deleting") toDelete.add(edge.id);
    for (const id of toDelete) {
      const edge = byId.get(id);
      if (edge) await deleteEdge(ctx, journal, edge);
    }
  }
  await Promise.all(Array.from({ length: decision.actions.create }, () => createEdge(ctx, journal)));

  const after = await liveEdges(ctx);
  const count = (status: string) => after.filter((e) => e.status === status).length;
  await ctx.db.scalingDecision.create({
    data: {
      at: new Date(now),
      desired: decision.desired,
      ready: count("ready"),
      draining: count("draining"),
      reason: decision.reason,
      inputs: JSON.stringify({ demand, policy: decision.inputs, state: decision.state, providerOk }),
      actions: JSON.stringify({ ...decision.actions, journal }),
    },
  });

  // Steady decisions are kept a week (the audit of changes is kept for good).
  await ctx.db.scalingDecision.deleteMany({ where: { reason: "steady", at: { lt: new Date(now - STEADY_RETENTION_MS) } } });

  const m = ctx.metrics;
  m.desired.set(decision.desired);
  m.ready.set(count("ready"));
  m.draining.set(count("draining"));
  for (const status of ["creating", "booting", "ready", "draining", "failed", "deleting"]) m.edges.set({ status }, count(status));
  m.costPerHour.set(after.length * ctx.provider.hourlyCostCents);
  m.edgeViewers.set(decision.inputs.edgeViewers);
  m.ticks.inc({ outcome: providerOk ? "ok" : "provider-unavailable" });
  if (decision.reason !== "steady" || journal.errors.length > 0 || journal.failed.length > 0) {
    ctx.log.info({ reason: decision.reason, desired: decision.desired, inputs: decision.inputs, journal }, "scaling decision");
  }
  return { decision, journal, edges: after };
}
