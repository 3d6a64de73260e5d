import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort, waitFor } from "@limelight/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider } from "../src/providers/vultr/vultr-provider";
import { createVultrRestClient, VultrHttpError } from "../src/providers/vultr/vultr-rest-client";
import { runTick } from "../src/reconcile/run-tick";
import { seedShow, testContext } from "./helpers";

const HOURLY = 500 / 672;

function provider(fake: FakeVultr, edgePort: number, client = createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 3_000 })) {
  return new VultrProvider(client, {
    region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: HOURLY, environment: "test", edgePort, userData: "#cloud-config\n",
    call: { gate: new VultrGate(20), timeoutMs: 3_000, rateLimitBackoffMs: 500, retryBackoffMs: 50, maxAttempts: 3 },
  });
}

describe("spend counted from what the provider says", () => {
  let db: Db;
  let fake: FakeVultr;
  let healthPort: number;
  beforeAll(async () => {
    healthPort = await freePort();
    // New instances stay out of listings for 60 s, as Vultr's list can lag its creates.
    fake = await startFakeVultr({ activeAfterMs: 200, bootMs: 500, edgeHealthPort: healthPort, listInvisibleMs: 60_000 });
    db = createDb(createSqliteDatabase());
  });
  afterAll(async () => {
    await db.$disconnect();
    await fake.close();
  });

  it("never exceeds a cap of 5 edges when every create reply is lost and new instances are invisible for 60 s", async () => {
    // 2 000 tickets want 25 edges; the budget pays for 5.
    await seedShow(db, { startsInMs: 5 * 60_000, tickets: 2_000 });
    fake.inject({ target: "create", kind: "drop", commit: true, count: 1_000 });
    const ctx = testContext(db, provider(fake, healthPort), { budgetCentsPerHour: 5 * HOURLY + 0.01, maxEdges: 20 }, { createGraceMs: 90_000, orphanGraceMs: 90_000 });
    await waitFor(
      async () => {
        await runTick(ctx);
        return (await db.edge.count({ where: { status: "ready" } })) === 5;
      },
      150_000,
      250,
      "5 ready edges",
    );
    expect(fake.peakInstances()).toBe(5);
    expect(fake.counts().create).toBe(5); // lost replies were found by their labels, never created twice
    const metrics = await ctx.metrics.registry.metrics();
    expect(metrics).toMatch(/limelight_autoscaler_cap_reached 1/);
    expect(metrics).toMatch(/limelight_autoscaler_actual_edges 5/);
  }, 200_000);
});

describe("polite API use", () => {
  let fake: FakeVultr;
  beforeAll(async () => {
    fake = await startFakeVultr();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("sends nothing for the 10 s a 429's Retry-After asks for, then carries on", async () => {
    // The client as the provider uses it, telling the test when a 429 reached the autoscaler.
    const client = createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 3_000 });
    let seen429: () => void = () => undefined;
    const got429 = new Promise<void>((resolve) => (seen429 = resolve));
    const listInstances = client.instances.listInstances;
    client.instances.listInstances = async (parameters) => {
      const result = await listInstances(parameters);
      if (result instanceof VultrHttpError && result.status === 429) seen429();
      return result;
    };
    const p = provider(fake, 80, client);
    await p.create("ll-test-aaaaaaaaaaaa");
    fake.inject({ target: "list", kind: "429", retryAfterS: 10 });
    const listed = p.list();
    // Another caller sharing the gate, starting once the autoscaler has the 429, is held too.
    await got429;
    await new Promise((resolve) => setImmediate(resolve));
    const created = p.create("ll-test-bbbbbbbbbbbb");
    expect((await listed).map((i) => i.label)).toContain("ll-test-aaaaaaaaaaaa");
    await created;
    const requests = fake.requests();
    const limited = requests.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    const after = requests.filter((r) => r.at > limited!.at);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...after.map((r) => r.at)) - limited!.at).toBeGreaterThanOrEqual(10_000);
  }, 60_000);

  it("deletes many edges in parallel within the rate limit", async () => {
    const p = provider(fake, 80);
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => p.create(`ll-test-${String(i).padStart(12, "c")}`)));
    fake.inject({ target: "delete", kind: "500", count: 2 });
    await Promise.all(made.map((i) => p.delete(i.id)));
    expect(fake.instances().filter((i) => i.label.startsWith("ll-test-ccc"))).toEqual([]);
    expect(fake.peakRequestsPerSecond()).toBeLessThanOrEqual(30);
  }, 60_000);
});
