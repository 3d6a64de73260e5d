import { type EdgeModel as Edge } from "@limelight/db";
import { LeaseLostError } from "../fleet/lease";
import { type TickContext, type TickJournal } from "./tick-context";

/**
 * Deletes one edge: marks the row "deleting" first (so a crash or a failed
 * call is retried by later ticks until the provider no longer lists it), then
 * deletes at the provider and marks the row "deleted". Throws only
 * LeaseLostError (and database failures).
 */
export async function deleteEdge(ctx: TickContext, journal: TickJournal, edge: Edge): Promise<void> {
  await ctx.fence.write((tx) => tx.edge.update({ where: { id: edge.id }, data: { status: "deleting", drainStartedAt: edge.drainStartedAt } }));
  try {
    if (edge.providerId) await ctx.provider.delete(edge.providerId);
    await ctx.fence.write((tx) => tx.edge.update({ where: { id: edge.id }, data: { status: "deleted", deletedAt: new Date(ctx.now()) } }));
    ctx.metrics.deleted.inc();
    journal.deleted.push(edge.label);
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    ctx.metrics.countProviderError(err);
    journal.errors.push(`delete ${edge.label}: ${(err as Error).message}`);
    ctx.log.warn({ label: edge.label, err: (err as Error).message }, "delete failed; retried next tick");
  }
}
