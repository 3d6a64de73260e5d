import { newEdgeLabel } from "../fleet/edge-label";
import { LeaseLostError } from "../fleet/lease";
import { ProviderError } from "../providers/edge-provider";
import { type TickContext, type TickJournal } from "./tick-context";

/**
 * Creates one edge, crash-safe: the intent (an Edge row "creating" with a
 * fresh unique label) is committed BEFORE the provider call, so a crash at any
 * point leaves a row the next tick can match by label. After a timeout, 5xx
 * or dropped connection the instance may exist anyway: it is looked up by
 * label and adopted; if not found, the row stays "creating" and later ticks
 * adopt it or abandon it after the create grace. A 429 or a 4xx created
 * nothing, so the intent is closed at once. Throws only LeaseLostError (and
 * database failures).
 */
export async function createEdge(ctx: TickContext, journal: TickJournal): Promise<void> {
  const label = newEdgeLabel(ctx.options.environment);
  const row = await ctx.fence.write((tx) =>
    tx.edge.create({
      data: {
        label,
        provider: ctx.provider.name,
        region: ctx.provider.region,
        plan: ctx.provider.plan,
        status: "creating",
        hourlyCostCents: Math.ceil(ctx.provider.hourlyCostCents),
        createdAt: new Date(ctx.now()),
      },
    }),
  );
  try {
    const instance = await ctx.provider.create(label);
    await ctx.fence.write((tx) => tx.edge.update({ where: { id: row.id }, data: { status: "booting", providerId: instance.id, ipv4: instance.ipv4, baseUrl: instance.baseUrl } }));
    ctx.metrics.created.inc();
    journal.created.push(label);
    return;
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    const failure = err instanceof ProviderError ? err.failure : "network";
    ctx.metrics.countProviderError(err);
    journal.errors.push(`create ${label}: ${(err as Error).message}`);
    if (failure === "rate-limited" || failure === "rejected") {
      await ctx.fence.write((tx) => tx.edge.update({ where: { id: row.id }, data: { status: "deleted", deletedAt: new Date(ctx.now()) } }));
      ctx.log.warn({ label, failure }, "create refused by the provider; intent closed");
      return;
    }
  }
  try {
    const instance = await ctx.provider.findByLabel(label);
    if (instance) {
      await ctx.fence.write((tx) => tx.edge.update({ where: { id: row.id }, data: { status: "booting", providerId: instance.id, ipv4: instance.ipv4, baseUrl: instance.baseUrl } }));
      ctx.metrics.created.inc();
      journal.adopted.push(label);
      ctx.log.info({ label }, "create failed but the instance exists; adopted");
    }
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    journal.errors.push(`find ${label}: ${(err as Error).message}`);
  }
}
