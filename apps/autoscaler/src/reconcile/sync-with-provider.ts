import { LeaseLostError } from "../fleet/lease";
import { type ProviderInstance } from "../providers/edge-provider";
import { liveEdges, type TickContext, type TickJournal } from "./tick-context";

/**
 * Compares Edge rows with the provider's tagged instances:
 * - a "creating" row whose label the provider knows is adopted ("booting");
 *   one still unknown after the create grace is abandoned ("deleted");
 * - a row whose instance is gone becomes "deleted" (a "deleting" row: done);
 * - addresses learnt after creation are recorded;
 * - a tagged instance without a live row is an orphan: deleted at once when its
 *   row was abandoned or deleted, otherwise once older than the orphan grace.
 * Orphans are deleted in parallel (the Vultr gate keeps within the rate limit).
 * Returns the provider's listing, or null (and changes nothing) when the
 * provider cannot be listed. Throws LeaseLostError when the lease is lost.
 */
export async function syncWithProvider(ctx: TickContext, journal: TickJournal): Promise<ProviderInstance[] | null> {
  let instances: ProviderInstance[];
  try {
    instances = await ctx.provider.list();
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    ctx.metrics.countProviderError(err);
    journal.errors.push(`list: ${(err as Error).message}`);
    ctx.log.warn({ err: (err as Error).message }, "provider list failed; skipping provider reconciliation this tick");
    return null;
  }
  const now = ctx.now();
  const byId = new Map(instances.map((i) => [i.id, i]));
  const byLabel = new Map(instances.map((i) => [i.label, i]));
  const edges = await liveEdges(ctx);
  const known = new Set<string>();

  for (const edge of edges) {
    const instance = (edge.providerId ? byId.get(edge.providerId) : undefined) ?? byLabel.get(edge.label);
    if (instance) known.add(instance.id);
    if (edge.status === "creating") {
      if (instance) {
        await ctx.fence.write((tx) => tx.edge.update({ where: { id: edge.id }, data: { status: "booting", providerId: instance.id, ipv4: instance.ipv4, baseUrl: instance.baseUrl } }));
        journal.adopted.push(edge.label);
      } else if (now - edge.createdAt.getTime() > ctx.options.createGraceMs) {
        await ctx.fence.write((tx) => tx.edge.update({ where: { id: edge.id }, data: { status: "deleted", deletedAt: new Date(now) } }));
        journal.abandoned.push(edge.label);
      }
      continue;
    }
    if (!instance) {
      // A listing may lag a create that just answered: give young edges the create grace.
      if (edge.status === "booting" && now - edge.createdAt.getTime() < ctx.options.createGraceMs) continue;
      await ctx.fence.write((tx) => tx.edge.update({ where: { id: edge.id }, data: { status: "deleted", deletedAt: edge.deletedAt ?? new Date(now) } }));
      if (edge.status === "deleting") journal.deleted.push(edge.label);
      else journal.vanished.push(edge.label);
      continue;
    }
    if (instance.baseUrl !== edge.baseUrl || instance.ipv4 !== edge.ipv4 || instance.id !== edge.providerId) {
      await ctx.fence.write((tx) => tx.edge.update({ where: { id: edge.id }, data: { providerId: instance.id, ipv4: instance.ipv4, baseUrl: instance.baseUrl } }));
    }
  }

  const orphans: ProviderInstance[] = [];
  for (const instance of instances) {
    if (known.has(instance.id)) continue;
    const row = await ctx.db.edge.findUnique({ where: { label: instance.label }, select: { status: true } });
    const unwanted = row !== null && row.status === "deleted";
    if (unwanted || now - instance.createdAt >= ctx.options.orphanGraceMs) orphans.push(instance);
  }
  await Promise.all(
    orphans.map(async (instance) => {
      try {
        await ctx.provider.delete(instance.id);
        ctx.metrics.deleted.inc();
        journal.orphansDeleted.push(instance.label || instance.id);
        ctx.log.warn({ label: instance.label, id: instance.id }, "deleted orphan instance");
      } catch (err) {
        if (err instanceof LeaseLostError) throw err;
        ctx.metrics.countProviderError(err);
        journal.errors.push(`delete orphan ${instance.id}: ${(err as Error).message}`);
      }
    }),
  );
  return instances;
}
