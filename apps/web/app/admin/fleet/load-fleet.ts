import { type Db } from "@limelight/db";
import { fleetCost, type FleetCost } from "@limelight/domain/scaling/fleet-cost";

/** One edge row as the fleet page shows it. Money in cents, times as Dates. */
export interface FleetEdgeView {
  id: string;
  label: string;
  provider: string;
  region: string;
  plan: string;
  status: string;
  viewers: number;
  baseUrl: string | null;
  createdAt: Date;
  readyAt: Date | null;
  deletedAt: Date | null;
  hourlyCostCents: number;
}

/** One audit row: a scaling decision with its main inputs and what was done. */
export interface DecisionView {
  id: string;
  at: Date;
  reason: string;
  desired: number;
  ready: number;
  draining: number;
  edgeViewers: number | null;
  summary: string;
}

/** Everything the admin fleet page shows. */
export interface FleetView {
  edges: FleetEdgeView[];
  last24h: FleetCost;
  last30d: FleetCost;
  decisions: DecisionView[];
}

function summarize(actions: string): string {
  try {
    const a = JSON.parse(actions) as { create?: number; journal?: Record<string, string[]> };
    const j = a.journal ?? {};
    const parts: string[] = [];
    if (a.create) parts.push(`create ${a.create}`);
    for (const key of ["created", "adopted", "becameReady", "drained", "undrained", "deleted", "failed", "abandoned", "orphansDeleted", "errors"]) {
      const n = j[key]?.length ?? 0;
      if (n > 0) parts.push(`${key} ${n}`);
    }
    return parts.join(", ") || "—";
  } catch {
    return "—";
  }
}

/**
 * Reads the fleet (edges alive now or deleted within 30 days), its cost (last
 * 24 hours and 30 days, Vultr hourly billing), the latest scaling decision and
 * the latest `decisionLimit` decisions that scaled. Read-only; the caller has checked the admin role.
 */
export async function loadFleet(db: Db, now: Date, decisionLimit = 50): Promise<FleetView> {
  const since30d = new Date(now.getTime() - 30 * 24 * 3_600_000);
  const rows = await db.edge.findMany({
    where: { OR: [{ deletedAt: null }, { deletedAt: { gte: since30d } }] },
    orderBy: { createdAt: "desc" },
  });
  const billed = rows
    .filter((e) => e.status !== "creating" || e.providerId !== null)
    .map((e) => ({ createdAt: e.createdAt.getTime(), deletedAt: e.deletedAt ? e.deletedAt.getTime() : null, hourlyCostCents: e.hourlyCostCents }));
  // The latest decision (current inputs) and the latest ones that changed something.
  const [latest, changes] = await Promise.all([
    db.scalingDecision.findFirst({ orderBy: { at: "desc" } }),
    db.scalingDecision.findMany({ where: { reason: { not: "steady" } }, orderBy: { at: "desc" }, take: decisionLimit }),
  ]);
  const decisions = latest && !changes.some((d) => d.id === latest.id) ? [latest, ...changes] : changes;
  return {
    edges: rows.map((e) => ({
      id: e.id,
      label: e.label,
      provider: e.provider,
      region: e.region,
      plan: e.plan,
      status: e.status,
      viewers: e.viewers,
      baseUrl: e.baseUrl,
      createdAt: e.createdAt,
      readyAt: e.readyAt,
      deletedAt: e.deletedAt,
      hourlyCostCents: e.hourlyCostCents,
    })),
    last24h: fleetCost(billed, now.getTime() - 24 * 3_600_000, now.getTime()),
    last30d: fleetCost(billed, since30d.getTime(), now.getTime()),
    decisions: decisions.map((d) => {
      let edgeViewers: number | null = null;
      try {
        edgeViewers = (JSON.parse(d.inputs) as { policy?: { edgeViewers?: number } }).policy?.edgeViewers ?? null;
      } catch {
        edgeViewers = null;
      }
      return { id: d.id, at: d.at, reason: d.reason, desired: d.desired, ready: d.ready, draining: d.draining, edgeViewers, summary: summarize(d.actions) };
    }),
  };
}
