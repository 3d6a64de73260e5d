import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort, waitFor, type Spawned } from "@limelight/testkit";
import { initialize } from "@vultr/vultr-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderEdgeCloudInit } from "../../../infra/cloud-init/render-edge-cloud-init";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { EDGE_TAG, VultrProvider, type VultrClient } from "../src/providers/vultr/vultr-provider";
import { runTick } from "../src/reconcile/run-tick";
import { killAutoscaler, seedShow, spawnAutoscaler, testContext } from "./helpers";

const SECRET = "crash-test-edge-secret-0123456789abcdef";

describe("autoscaler on (fake) Vultr: crash in the middle of creating, restart, exactly 5 edges", () => {
  let fake: FakeVultr;
  let db: Db;
  let dbUrl: string;
  let healthPort: number;
  let child: Spawned | undefined;

  beforeAll(async () => {
    healthPort = await freePort();
    fake = await startFakeVultr({ activeAfterMs: 300, bootMs: 1_200, edgeHealthPort: healthPort });
    dbUrl = createSqliteDatabase();
    db = createDb(dbUrl);
    // 400 tickets for a show starting in 5 minutes: 400 ÷ (100 × 0.8) = 5 edges.
    await seedShow(db, { startsInMs: 5 * 60_000, tickets: 400 });
  });

  afterAll(async () => {
    await child?.stop();
    await db.$disconnect();
    await fake.close();
  });

  function provider() {
    const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }) as unknown as VultrClient;
    return new VultrProvider(client, {
      region: "ewr",
      plan: "vc2-1c-1gb",
      osId: "2136",
      hourlyCostCents: 500 / 672,
      environment: "test",
      edgePort: healthPort,
      userData: renderEdgeCloudInit({ listenPort: healthPort, origin: "127.0.0.1:8088", tokenSecret: SECRET }),
      perPage: 2,
      call: { gate: new VultrGate(20), timeoutMs: 800, rateLimitBackoffMs: 300, retryBackoffMs: 50, maxAttempts: 5 },
    });
  }

  it("never leaks a VM and converges to 5 ready edges", async () => {
    // A stray tagged instance nobody recorded: an orphan to clean up.
    const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    await client.instances.createInstance({ region: "ewr", plan: "vc2-1c-1gb", os_id: "2136", label: "ll-test-stray", tags: [EDGE_TAG, "limelight-env-test"] });

    // The first creates: one refused with 500 (nothing created), one created but answered 500,
    // one created but never answered, one rate-limited.
    fake.inject({ target: "create", kind: "500" });
    fake.inject({ target: "create", kind: "500", commit: true });
    fake.inject({ target: "create", kind: "hang", commit: true });
    fake.inject({ target: "create", kind: "429" });

    const metricsPort = await freePort();
    child = spawnAutoscaler(fake, dbUrl, metricsPort, {
      VULTR_CALL_TIMEOUT_MS: "5000",
      EDGE_HTTP_PORT: String(healthPort),
      EDGE_TOKEN_SECRET: SECRET,
    });
    // Kill it while a create is in flight (the hung one has a 5 s deadline).
    await waitFor(() => fake.counts().create >= 5, 30_000, 20, `creates (autoscaler output: ${child.output()})`);
    // Its /metrics answers while the tick is stuck on the hung create.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toContain("limelight_autoscaler_desired_edges");
    expect(metrics).toContain("limelight_autoscaler_cost_cents_per_hour");
    await killAutoscaler(child);

    const intents = await db.edge.findMany();
    expect(intents.length).toBeGreaterThanOrEqual(5);
    expect(intents.some((e) => e.status === "creating")).toBe(true);

    // Restart: reconcile until stable.
    const ctx = testContext(db, provider(), { webrtcViewersPerShow: 0 }, { createGraceMs: 1_500, orphanGraceMs: 1_000 });
    const settled = async () => {
      await runTick(ctx);
      const live = await db.edge.findMany({ where: { status: { not: "deleted" } } });
      const instances = fake.instances();
      return live.length === 5 && live.every((e) => e.status === "ready") && instances.length === 5;
    };
    await waitFor(settled, 30_000, 200, "5 ready edges").catch(async (err: unknown) => {
      const rows = await db.edge.findMany();
      const last = await db.scalingDecision.findFirst({ orderBy: { at: "desc" } });
      throw new Error(`${(err as Error).message}: rows ${JSON.stringify(rows.map((r) => [r.label, r.status, r.providerId]))} instances ${JSON.stringify(fake.instances().map((i) => [i.label, i.id, i.server_status]))} last ${last?.inputs} ${last?.actions}`);
    });
    // Stable: more ticks change nothing.
    for (let i = 0; i < 5; i++) await runTick(ctx);

    const live = await db.edge.findMany({ where: { status: { not: "deleted" } } });
    const instances = fake.instances();
    expect(instances).toHaveLength(5);
    expect(live).toHaveLength(5);
    expect(new Set(instances.map((i) => i.label))).toEqual(new Set(live.map((e) => e.label)));
    expect(new Set(instances.map((i) => i.id))).toEqual(new Set(live.map((e) => e.providerId)));
    expect(instances.find((i) => i.label === "ll-test-stray")).toBeUndefined();
    for (const edge of live) {
      const res = await fetch(`${edge.baseUrl}/healthz`);
      expect(res.status).toBe(200);
    }
    // The journal shows the crash paths were taken: the hidden instances adopted by label,
    // the intent that created nothing abandoned, the stray instance deleted.
    const journals = (await db.scalingDecision.findMany()).map((d) => (JSON.parse(d.actions) as { journal: Record<string, string[]> }).journal);
    const all = (key: string) => journals.flatMap((j) => j[key] ?? []);
    expect(all("adopted").length).toBeGreaterThanOrEqual(1);
    expect(all("abandoned").length).toBeGreaterThanOrEqual(1);
    expect(all("orphansDeleted")).toContain("ll-test-stray");
    const decisions = await db.scalingDecision.findMany({ where: { reason: "scale-out" } });
    expect(decisions.length).toBeGreaterThan(0);
    const inputs = JSON.parse(decisions[0]!.inputs) as { policy: { edgeViewers: number } };
    expect(inputs.policy.edgeViewers).toBe(400);

    // The show is cancelled: every edge is drained and deleted, deletes retried through 500s until gone.
    await db.event.updateMany({ data: { status: "cancelled" } });
    fake.inject({ target: "delete", kind: "500", count: 3 });
    fake.inject({ target: "delete", kind: "500", commit: true });
    fake.inject({ target: "list", kind: "hang" });
    await waitFor(
      async () => {
        await runTick(ctx);
        return fake.instances().length === 0 && (await db.edge.count({ where: { status: { not: "deleted" } } })) === 0;
      },
      30_000,
      200,
      "every edge deleted",
    );
    expect(await ctx.metrics.registry.getSingleMetricAsString("limelight_autoscaler_desired_edges")).toContain("limelight_autoscaler_desired_edges 0");
  });
});
