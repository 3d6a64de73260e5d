import { liveEdges, type TickContext, type TickJournal } from "./tick-context";

/**
 * Checks every booting, ready and draining edge itself (never the provider's
 * status): its /healthz and, while a show is live, that show's playlist
 * through the edge (HlsEdgeProber): a booting edge that answers becomes "ready"; failures are
 * counted and a ready or draining edge failing `unhealthyAfter` times in a row,
 * or a booting edge past the boot timeout, becomes "failed" (no viewers are
 * routed to it; the policy replaces and deletes it). Viewer counts reported by
 * the edges (total, and per show as JSON in showViewers) are stored on their rows.
 */
export async function checkHealth(ctx: TickContext, journal: TickJournal): Promise<void> {
  const edges = (await liveEdges(ctx)).filter((e) => e.status === "booting" || e.status === "ready" || e.status === "draining");
  const now = ctx.now();
  // Streams live now (stream id = event id): probed through each edge like a viewer's playlist request.
  const live = edges.length ? (await ctx.db.event.findMany({ where: { status: "live" }, select: { id: true }, orderBy: { startsAt: "asc" } })).map((e) => e.id) : [];
  await Promise.all(
    edges.map(async (edge) => {
      const health = edge.baseUrl ? await ctx.health.check(edge.baseUrl, live) : { ok: false, viewers: null, showViewers: null };
      if (health.ok) {
        const becameReady = edge.status === "booting";
        await ctx.fence.write((tx) =>
          tx.edge.update({
            where: { id: edge.id },
            data: {
              status: becameReady ? "ready" : edge.status,
              readyAt: edge.readyAt ?? new Date(now),
              healthFailures: 0,
              lastHealthAt: new Date(now),
              viewers: health.viewers ?? edge.viewers,
              ...(health.showViewers ? { showViewers: JSON.stringify(health.showViewers) } : {}),
            },
          }),
        );
        if (becameReady) journal.becameReady.push(edge.label);
        return;
      }
      const failures = edge.healthFailures + 1;
      const bootTimedOut = edge.status === "booting" && now - edge.createdAt.getTime() > ctx.options.bootTimeoutMs;
      const unhealthy = edge.status !== "booting" && failures >= ctx.options.unhealthyAfter;
      await ctx.fence.write((tx) => tx.edge.update({ where: { id: edge.id }, data: { healthFailures: failures, status: bootTimedOut || unhealthy ? "failed" : edge.status } }));
      if (bootTimedOut || unhealthy) {
        journal.failed.push(edge.label);
        ctx.log.warn({ label: edge.label, failures, bootTimedOut }, "edge failed its health checks");
      }
    }),
  );
}
