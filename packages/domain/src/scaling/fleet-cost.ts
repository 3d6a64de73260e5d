import { billedCents } from "./billing";

/** An edge as billing sees it. Times in ms epoch; cost in cents per hour. */
export interface BilledEdge {
  createdAt: number;
  /** When it was deleted, or null while it still exists (and bills). */
  deletedAt: number | null;
  hourlyCostCents: number;
}

/** What the fleet has cost. Money in (fractional) cents. */
export interface FleetCost {
  /** Billed so far by edges created since `since` (started hours, minimum one each). */
  costSinceCents: number;
  /** What every existing edge costs per hour now. */
  costPerHourCents: number;
  /** Existing (billed) edges now. */
  billedEdges: number;
  /** Edge-hours lived since `since` (exact, not rounded). */
  edgeHours: number;
}

/**
 * Cost of the fleet for edges created at or after `since` (ms epoch) up to
 * `now`, with Vultr hourly billing (see billing.ts), plus the current burn rate.
 */
export function fleetCost(edges: readonly BilledEdge[], since: number, now: number): FleetCost {
  let costSinceCents = 0;
  let edgeHours = 0;
  let costPerHourCents = 0;
  let billedEdges = 0;
  for (const edge of edges) {
    const end = edge.deletedAt ?? now;
    if (edge.deletedAt === null) {
      costPerHourCents += edge.hourlyCostCents;
      billedEdges += 1;
    }
    if (edge.createdAt < since) continue;
    costSinceCents += billedCents(edge.createdAt, end, edge.hourlyCostCents);
    edgeHours += Math.max(0, end - edge.createdAt) / 3_600_000;
  }
  return { costSinceCents, costPerHourCents, billedEdges, edgeHours };
}
