import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase } from "@limelight/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Lease, LeaseLostError } from "../src/fleet/lease";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider } from "../src/providers/vultr/vultr-provider";
import { createVultrRestClient } from "../src/providers/vultr/vultr-rest-client";
import { runTick } from "../src/reconcile/run-tick";
import { seedShow, testContext } from "./helpers";

describe("one active autoscaler at a time: lease with a fencing token", () => {
  let db: Db;
  let url: string;
  let fake: FakeVultr;
  beforeAll(async () => {
    url = createSqliteDatabase();
    db = createDb(url);
    fake = await startFakeVultr();
  });
  afterAll(async () => {
    await db.$disconnect();
    await fake.close();
  });

  it("hands the lease over only once it expires or is released, with a larger token each time", async () => {
    let now = 1_000_000;
    const clock = () => now;
    const a = new Lease(db, "host-a/1", 60_000, clock);
    const b = new Lease(db, "host-b/2", 60_000, clock);
    expect(await a.acquire()).toBe(true);
    const first = a.token as number;
    now += 1_000;
    expect(await b.acquire()).toBe(false);
    now += 29_000;
    expect(await a.renew()).toBe(true); // until t0 + 90 s
    now += 50_000;
    expect(await b.acquire()).toBe(false);
    now += 11_000; // a stopped renewing (crashed): expired
    expect(await b.acquire()).toBe(true);
    expect(b.token).toBeGreaterThan(first);
    expect(await a.renew()).toBe(false); // its token is stale
    expect(() => a.assertHeld()).toThrow(LeaseLostError);
    await b.release();
    expect(await a.acquire()).toBe(true);
    await a.release();
  });

  it("refuses every write carrying a stale token, even from a holder that believes it still holds", async () => {
    const a = new Lease(db, "host-a/1", 60_000);
    expect(await a.acquire()).toBe(true);
    // The same host restarts quickly (same holder id): it takes over at once with a new token...
    const restarted = new Lease(db, "host-a/1", 60_000);
    expect(await restarted.acquire()).toBe(true);
    expect(restarted.token).toBe((a.token as number) + 1);
    // ...and the old incarnation, whose local view still says "held", cannot write.
    await expect(a.write((tx) => tx.scalingDecision.create({ data: { desired: 1, ready: 0, draining: 0, reason: "steady", inputs: "{}", actions: "{}" } }))).rejects.toThrow(LeaseLostError);
    expect(await db.scalingDecision.count()).toBe(0);
    await restarted.write((tx) => tx.scalingDecision.create({ data: { desired: 1, ready: 0, draining: 0, reason: "steady", inputs: "{}", actions: "{}" } }));
    expect(await db.scalingDecision.count()).toBe(1);
    await db.scalingDecision.deleteMany();
    await restarted.release();
  });

  it("a process whose lease was taken over neither creates at the provider nor writes a row", async () => {
    await seedShow(db, { startsInMs: 5 * 60_000, tickets: 100 });
    const client = createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 2_000 });
    const provider = new VultrProvider(client, {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 1, environment: "test", edgePort: 80, userData: "#cloud-config\n",
      call: { gate: new VultrGate(20), timeoutMs: 1_000, rateLimitBackoffMs: 100, retryBackoffMs: 50, maxAttempts: 3 },
    });
    const old = new Lease(db, "old/1", 60_000);
    expect(await old.acquire()).toBe(true);
    // A second autoscaler takes over (here by holder id after a restart; in production after expiry).
    await db.autoscalerLease.update({ where: { id: "autoscaler" }, data: { holder: "new/2", token: { increment: 1 } } });
    await expect(runTick({ ...testContext(db, provider), fence: old })).rejects.toThrow(LeaseLostError);
    expect(fake.instances()).toHaveLength(0);
    expect(await db.edge.count()).toBe(0);

    // The successor is another process: its own database connection.
    const other = createDb(url);
    const successor = new Lease(other, "new/2", 60_000);
    expect(await successor.acquire()).toBe(true);
    const result = await runTick({ ...testContext(other, provider), fence: successor });
    expect(result.journal.created).toHaveLength(2);
    expect(fake.instances()).toHaveLength(2);
    await successor.release();
    await other.$disconnect();
  });
});
