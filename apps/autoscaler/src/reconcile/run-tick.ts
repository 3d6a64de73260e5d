import { type EdgeModel as Edge } from "@limelight/db";
import { decideScaling, type EdgeStatus, type FleetEdge, type ScalingDecisionResult, type SpendLimits } from "@limelight/domain/scaling/policy";
import { recordAttendance } from "../demand/show-attendance";
import { FencedProvider } from "../fleet/fenced-provider";
import { type ProviderInstance } from "../providers/edge-provider";
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
  /** Whether the provider could be listed this tick. */
  providerOk: boolean;
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
 * orphans), check every edge's health, retry pending deletes, read demand,
 * decide (packages/domain/src/scaling/policy.ts), carry out the actions, and
 * write the decision with its inputs to ScalingDecision and to the metrics.
 * Spend is counted from the provider's listing plus creates whose reply was
 * lost (never from the database alone); no create at all when the provider
 * cannot be listed; at most `maxCreatesPerMinute` creates in any minute.
 * Deletes run in parallel (the provider's gate keeps the rate limit).
 * Live shows' peak viewers, overall and within a boot and a tick of the start,
 * are recorded (ShowAttendance) so each series' show-up rates can be learned
 * for pre-warming its next shows.
 * Every write is fenced by `ctx.fence`. Throws LeaseLostError when the lease
 * is lost (the tick stops before its next side effect) and when the database fails.
 */
export async function runTick(ctx: TickContext): Promise<TickResult> {
  ctx.fence.assertHeld();
  ctx = { ...ctx, provider: new FencedProvider(ctx.provider, ctx.fence) };
  const journal = newJournal();
  const instances = await syncWithProvider(ctx, journal);
  const providerOk = instances !== null;
  // New edges get the fleet certificate in their user data: renew it (when due) before creating any.
  await ctx.certificates?.renew(ctx.now());
  await checkHealth(ctx, journal);

  const now = ctx.now();
  const before = await liveEdges(ctx);
  const demand = await ctx.demand.read(now);
  await ctx.fence.write((tx) => recordAttendance(tx, demand, now, ctx.config.forecastLeadMs));
  const state = await loadPolicyState(ctx.db);
  const recentCreates = await ctx.db.edge.count({ where: { provider: ctx.provider.name, createdAt: { gt: new Date(now - 60_000) } } });
  const limits: SpendLimits = {
    billedAtProvider: instances ? billedAtProvider(instances, before) : undefined,
    createsAllowed: providerOk ? Math.max(0, ctx.options.maxCreatesPerMinute - recentCreates) : 0,
  };
  const decision = decideScaling(now, demand, before.map(toFleetEdge), state, ctx.config, limits);
  const byId = new Map(before.map((e) => [e.id, e]));
  ctx.fence.assertHeld();

  for (const id of decision.actions.undrain) {
    const edge = byId.get(id);
    if (!edge) continue;
    await ctx.fence.write((tx) => tx.edge.update({ where: { id }, data: { status: edge.readyAt ? "ready" : "booting", drainStartedAt: null } }));
    journal.undrained.push(edge.label);
  }
  for (const id of decision.actions.drain) {
    const edge = byId.get(id);
    if (!edge) continue;
    const updated = await ctx.fence.write((tx) => tx.edge.update({ where: { id }, data: { status: "draining", drainStartedAt: new Date(now) } }));
    byId.set(id, updated);
    journal.drained.push(edge.label);
  }
  if (providerOk) {
    const toDelete = new Set(decision.actions.delete);
    for (const edge of before) if (edge.status === "deleting") toDelete.add(edge.id);
    const edges = [...toDelete].map((id) => byId.get(id)).filter((e): e is Edge => e !== undefined);
    await Promise.all(edges.map((edge) => deleteEdge(ctx, journal, edge)));
  }
  await Promise.all(Array.from({ length: decision.actions.create }, () => createEdge(ctx, journal)));

  const after = await liveEdges(ctx);
  const count = (status: string) => after.filter((e) => e.status === status).length;
  const readyCapacity = count("ready") * ctx.config.viewersPerEdge;
  const unmetViewers = Math.max(0, decision.inputs.edgeViewers - readyCapacity);
  const capReached = decision.inputs.needOut > decision.inputs.cap || decision.inputs.budgetLimited;
  await ctx.fence.write(async (tx) => {
    await tx.scalingDecision.create({
      data: {
        at: new Date(now),
        desired: decision.desired,
        ready: count("ready"),
        draining: count("draining"),
        reason: decision.reason,
        inputs: JSON.stringify({ demand, policy: decision.inputs, state: decision.state, providerOk, limits, unmetViewers, capReached }),
        actions: JSON.stringify({ ...decision.actions, journal }),
      },
    });
    // Steady decisions are kept a week (the audit of changes is kept for good).
    await tx.scalingDecision.deleteMany({ where: { reason: "steady", at: { lt: new Date(now - STEADY_RETENTION_MS) } } });
  });

  const m = ctx.metrics;
  m.desired.set(decision.desired);
  m.ready.set(count("ready"));
  m.draining.set(count("draining"));
  m.booting.set(count("booting") + count("creating"));
  m.actual.set(limits.billedAtProvider ?? after.length);
  for (const status of ["creating", "booting", "ready", "draining", "failed", "deleting"]) m.edges.set({ status }, count(status));
  m.costPerHour.set(Math.max(after.length, limits.billedAtProvider ?? 0) * ctx.provider.hourlyCostCents);
  m.edgeViewers.set(decision.inputs.edgeViewers);
  m.unmetViewers.set(unmetViewers);
  m.capReached.set(capReached ? 1 : 0);
  m.ticks.inc({ outcome: providerOk ? "ok" : "provider-unavailable" });
  // Every tick that changed something is logged, a steady one too (e.g. a drained edge deleted once idle).
  if (decision.reason !== "steady" || Object.values(journal).some((entries) => entries.length > 0)) {
    ctx.log.info({ reason: decision.reason, desired: decision.desired, inputs: decision.inputs, journal }, "scaling decision");
  }
  return { decision, journal, edges: after, providerOk };
}

/**
 * Billed instances as the provider sees them: every listed instance, plus
 * each live row the listing does not show (a create whose reply was lost, or
 * one not yet visible in the list), which may exist and bill already.
 */
export function billedAtProvider(instances: ProviderInstance[], rows: Edge[]): number {
  const ids = new Set(instances.map((i) => i.id));
  const labels = new Set(instances.map((i) => i.label));
  const unseen = rows.filter((r) => !(r.providerId && ids.has(r.providerId)) && !labels.has(r.label));
  return instances.length + unseen.length;
}
