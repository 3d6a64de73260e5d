import { type EdgeModel as Edge } from "@limelight/db";
import { ProviderError } from "../providers/edge-provider";
import { type TickContext, type TickJournal } from "./tick-context";

/**
 * Deletes one edge: marks the row "deleting" first (so a crash or a failed
 * call is retried by later ticks until the provider no longer lists it), then
 * deletes at the provider and marks the row "deleted". Never throws.
 */
export async function deleteEdge(ctx: TickContext, journal: TickJournal, edge: Edge): Promise<void> {
  await ctx.db.edge.update({ where: { id: edge.id }, data: { status: "deleting", drainStartedAt: edge.drainStartedAt } });
  try {
    if (edge.providerId) await ctx.provider.delete(edge.providerId);
    await ctx.db.edge.update({ where: { id: edge.id }, data: { status: "deleted", deletedAt: new Date(ctx.now()) } });
    ctx.metrics.deleted.inc();
    journal.deleted.push(edge.label);
  } catch (err) {
    ctx.metrics.providerErrors.inc({ failure: err instanceof ProviderError ? err.failure : "network" });
    journal.errors.push(`delete ${edge.label}: ${(err as Error).message}`);
    ctx.log.warn({ label: edge.label, err: (err as Error).message }, "delete failed; retried next tick");
  }
}
