import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase } from "@limelight/testkit";
import { initialize } from "@vultr/vultr-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLease, releaseLease } from "../src/fleet/lease";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider, type VultrClient } from "../src/providers/vultr/vultr-provider";
import { runTick } from "../src/reconcile/run-tick";
import { seedShow, testContext } from "./helpers";

describe("one active autoscaler at a time", () => {
  let db: Db;
  let fake: FakeVultr;
  beforeAll(async () => {
    db = createDb(createSqliteDatabase());
    fake = await startFakeVultr();
  });
  afterAll(async () => {
    await db.$disconnect();
    await fake.close();
  });

  it("hands the lease to a second process only once the first lets it expire or releases it", async () => {
    const t0 = Date.now();
    expect(await acquireLease(db, "a", 60_000, t0)).toBe(true);
    expect(await acquireLease(db, "b", 60_000, t0 + 1_000)).toBe(false);
    expect(await acquireLease(db, "a", 60_000, t0 + 30_000)).toBe(true); // renewed until t0 + 90 s
    expect(await acquireLease(db, "b", 60_000, t0 + 80_000)).toBe(false);
    expect(await acquireLease(db, "b", 60_000, t0 + 91_000)).toBe(true); // a crashed: expired
    expect(await acquireLease(db, "a", 60_000, t0 + 92_000)).toBe(false);
    await releaseLease(db, "b");
    expect(await acquireLease(db, "a", 60_000, t0 + 93_000)).toBe(true);
    await releaseLease(db, "a");
  });

  it("a process that lost the lease decides but creates nothing", async () => {
    await seedShow(db, { startsInMs: 5 * 60_000, tickets: 100 });
    const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }) as unknown as VultrClient;
    const provider = new VultrProvider(client, {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 1, environment: "test", edgePort: 80, userData: "#cloud-config\n",
      call: { gate: new VultrGate(20), timeoutMs: 1_000, rateLimitBackoffMs: 100, retryBackoffMs: 50, maxAttempts: 3 },
    });
    expect(await acquireLease(db, "leader", 60_000, Date.now())).toBe(true);
    const follower = { ...testContext(db, provider), renewLease: () => acquireLease(db, "follower", 60_000, Date.now()) };
    const result = await runTick(follower);
    expect(result.decision.desired).toBe(2);
    expect(result.journal.errors).toContain("lease lost");
    expect(fake.instances()).toHaveLength(0);
    expect(await db.edge.count()).toBe(0);

    await releaseLease(db, "leader");
    const afterHandover = await runTick(follower);
    expect(afterHandover.journal.created).toHaveLength(2);
    expect(fake.instances()).toHaveLength(2);
  });
});
