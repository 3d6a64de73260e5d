import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort, waitFor } from "@limelight/testkit";
import { initialize } from "@vultr/vultr-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider, type VultrClient } from "../src/providers/vultr/vultr-provider";
import { runTick } from "../src/reconcile/run-tick";
import { seedShow, testContext } from "./helpers";

describe("drift between the database and Vultr", () => {
  let db: Db;
  let fake: FakeVultr;
  let healthPort: number;
  beforeAll(async () => {
    healthPort = await freePort();
    db = createDb(createSqliteDatabase());
    fake = await startFakeVultr({ activeAfterMs: 100, bootMs: 2_000, edgeHealthPort: healthPort });
  });
  afterAll(async () => {
    await db.$disconnect();
    await fake.close();
  });

  it("replaces an edge deleted behind its back and is not fooled by the provider's 'active' before /healthz answers", async () => {
    const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    const provider = new VultrProvider(client as unknown as VultrClient, {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 1, environment: "test", edgePort: healthPort, userData: "#cloud-config\n",
      call: { gate: new VultrGate(20), timeoutMs: 1_000, rateLimitBackoffMs: 100, retryBackoffMs: 50, maxAttempts: 3 },
    });
    const ctx = testContext(db, provider, {}, { createGraceMs: 0 });
    await seedShow(db, { startsInMs: 5 * 60_000, tickets: 160 }); // 2 edges

    await runTick(ctx);
    // Vultr says active while cloud-init still runs: not ready, not routable.
    await waitFor(() => fake.instances().every((i) => i.status === "active"), 5_000, 10, "active");
    expect(fake.instances().every((i) => i.server_status === "installingbooting")).toBe(true);
    await runTick(ctx);
    expect(await db.edge.count({ where: { status: "ready" } })).toBe(0);
    expect(await db.edge.count({ where: { status: "booting" } })).toBe(2);
    await waitFor(async () => (await runTick(ctx)).edges.filter((e) => e.status === "ready").length === 2, 10_000, 100, "2 ready edges");

    // Someone deletes one VM in the Vultr console.
    const [gone] = fake.instances();
    await client.instances.deleteInstance({ "instance-id": gone!.id });
    const next = await runTick(ctx);
    expect(next.journal.vanished).toHaveLength(1);
    expect(next.journal.created).toHaveLength(1);
    await waitFor(async () => (await runTick(ctx)).edges.filter((e) => e.status === "ready").length === 2, 10_000, 100, "replacement ready");
    expect(fake.instances()).toHaveLength(2);
    expect(fake.instances().map((i) => i.id)).not.toContain(gone!.id);
  });
});
