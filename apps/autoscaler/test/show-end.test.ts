import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort, waitFor } from "@limelight/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVultrRestClient } from "../src/providers/vultr/vultr-rest-client";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider } from "../src/providers/vultr/vultr-provider";
import { runTick } from "../src/reconcile/run-tick";
import { seedShow, testContext } from "./helpers";

/**
 * The end of a show on free edges (no paid hour to use up, like the Local
 * provider's nginx edges): the autoscaler lets the extra edge it added for the
 * show go, keeps its first edge serving, and goes on ticking.
 */
describe("after a show ends", () => {
  let db: Db;
  let fake: FakeVultr;
  let healthPort: number;
  beforeAll(async () => {
    healthPort = await freePort();
    db = createDb(createSqliteDatabase());
    fake = await startFakeVultr({ activeAfterMs: 50, bootMs: 300, edgeHealthPort: healthPort });
  });
  afterAll(async () => {
    await db.$disconnect();
    await fake.close();
  });

  it("deletes the extra edge, keeps the first one ready, and keeps deciding with no demand left", async () => {
    const provider = new VultrProvider(createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 2_000 }), {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 1, environment: "test", edgePort: healthPort, userData: "#cloud-config\n",
      call: { gate: new VultrGate(20), timeoutMs: 2_000, rateLimitBackoffMs: 100, retryBackoffMs: 50, maxAttempts: 3 },
    });
    // Free edges (hourlyBilling false in testContext), one always running, scale-in as soon as demand allows.
    const ctx = testContext(db, provider, { minEdges: 1, maxEdges: 2 }, { createGraceMs: 0 });
    const ready = async (n: number) => (await runTick(ctx)).edges.filter((e) => e.status === "ready").length === n;

    await waitFor(() => ready(1), 15_000, 100, "the first edge ready");
    const first = await db.edge.findFirstOrThrow({ where: { status: "ready" } });

    const show = await seedShow(db, { startsInMs: 0, tickets: 120, status: "live" }); // 120 viewers at 80 per edge: 2 edges
    await waitFor(() => ready(2), 15_000, 100, "the extra edge ready");
    const extra = await db.edge.findFirstOrThrow({ where: { status: "ready", id: { not: first.id } } });

    await db.event.update({ where: { id: show.id }, data: { status: "ended", endedAt: new Date() } });
    await waitFor(async () => (await runTick(ctx)).edges.length === 1, 15_000, 100, "the extra edge gone");
    expect((await db.edge.findUniqueOrThrow({ where: { id: extra.id } })).status).toBe("deleted");
    expect((await db.edge.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("ready");
    expect(fake.instances().map((i) => i.id)).toEqual([first.providerId]);

    // With no demand left, ticks go on: each writes its decision and the first edge stays.
    const decisions = await db.scalingDecision.count();
    for (let i = 0; i < 3; i++) expect((await runTick(ctx)).decision).toMatchObject({ reason: "steady", desired: 1 });
    expect(await db.scalingDecision.count()).toBe(decisions + 3);
    expect(fake.instances()).toHaveLength(1);
  }, 60_000);
});
