/**
 * TLS edges and crashes: the autoscaler process (EDGE_DNS_DOMAIN set) is
 * SIGKILLed between deleting an edge's instance and deleting its A record;
 * the restarted autoscaler leaves no record behind (and none of another
 * environment's or the zone's own records is touched).
 */
import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort, waitFor, type Spawned } from "@limelight/testkit";
import { initialize } from "@vultr/vultr-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edgeLabelPattern, newEdgeLabel } from "../src/fleet/edge-label";
import { renderEdgeCloudInit } from "../../../infra/cloud-init/render-edge-cloud-init";
import { VultrEdgeDns } from "../src/providers/vultr/vultr-edge-dns";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider, type VultrClient } from "../src/providers/vultr/vultr-provider";
import { runTick } from "../src/reconcile/run-tick";
import { killAutoscaler, seedShow, spawnAutoscaler, testContext } from "./helpers";

const SECRET = "tls-crash-edge-secret-0123456789abcdefg";
const ZONE = "edges.example.com";

describe("TLS edges: crash between deleting an instance and its DNS record, restart, no record left", () => {
  let fake: FakeVultr;
  let db: Db;
  let dbUrl: string;
  let child: Spawned | undefined;

  beforeAll(async () => {
    fake = await startFakeVultr({ activeAfterMs: 300, dnsDomains: [ZONE] });
    dbUrl = createSqliteDatabase();
    db = createDb(dbUrl);
    // 150 tickets for a show starting in 5 minutes: 150 ÷ (100 × 0.8) → 2 edges.
    await seedShow(db, { startsInMs: 5 * 60_000, tickets: 150 });
  });

  afterAll(async () => {
    await child?.stop();
    await db.$disconnect();
    await fake.close();
  });

  function provider() {
    const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }) as unknown as VultrClient;
    const call = { gate: new VultrGate(20), timeoutMs: 800, rateLimitBackoffMs: 300, retryBackoffMs: 50, maxAttempts: 5 };
    const dns = new VultrEdgeDns(client.dns, { domain: ZONE, ownedName: edgeLabelPattern("test"), call });
    return new VultrProvider(client, {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 500 / 672, environment: "test", edgePort: 80,
      userData: (label) => renderEdgeCloudInit({ listenPort: 80, origin: "127.0.0.1:8088", tokenSecret: SECRET, tls: { hostname: dns.hostname(label), acmeEmail: "ops@example.com" } }),
      call, dns,
    });
  }

  const ourARecords = () => (fake.dnsRecords(ZONE) ?? []).filter((r) => r.type === "A" && edgeLabelPattern("test").test(r.name));

  it("sweeps the orphaned record after the restart and deletes every edge with its record", async () => {
    const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    // Left by an earlier run: a record of ours without an instance, and records that are not ours.
    const stale = newEdgeLabel("test");
    const otherEnv = newEdgeLabel("prod");
    for (const [name, data] of [[stale, "198.51.100.7"], [otherEnv, "198.51.100.8"], ["www", "198.51.100.9"]] as const) {
      await client.dns.createRecord({ "dns-domain": ZONE, name, type: "A", data, ttl: 60 });
    }

    const metricsPort = await freePort();
    child = spawnAutoscaler(fake, dbUrl, metricsPort, {
      VULTR_CALL_TIMEOUT_MS: "8000",
      EDGE_DNS_DOMAIN: ZONE,
      EDGE_ACME_EMAIL: "ops@example.com",
      EDGE_TOKEN_SECRET: SECRET,
      EDGE_HEALTH_TIMEOUT_MS: "500",
      SCALING_SCALE_IN_COOLDOWN_MS: "0",
      SCALING_STABILISATION_WINDOW_MS: "0",
      SCALING_SCALE_IN_STEP: "5",
    });

    // Two edges, each with exactly one A record pointing at its address; the https URL is on its row.
    await waitFor(
      async () => {
        const rows = await db.edge.findMany({ where: { status: { not: "deleted" } } });
        return rows.length === 2 && rows.every((r) => r.baseUrl?.startsWith("https://")) && ourARecords().length === 2;
      },
      30_000,
      100,
      `2 edges with records (autoscaler output: ${child.output()})`,
    );
    const rows = await db.edge.findMany({ where: { status: { not: "deleted" } } });
    for (const row of rows) {
      expect(row.baseUrl).toBe(`https://${row.label}.${ZONE}`);
      const instance = fake.instances().find((i) => i.label === row.label)!;
      expect(ourARecords().filter((r) => r.name === row.label).map((r) => r.data)).toEqual([instance.main_ip]);
      expect(fake.userData(instance.id)).toContain(`host=${row.label}.${ZONE}`);
    }
    expect(ourARecords().map((r) => r.name)).not.toContain(stale); // swept while running

    // The show is cancelled; the first record delete never answers, and the process dies meanwhile.
    fake.inject({ target: "record-delete", kind: "hang" });
    const deletesBefore = fake.counts()["record-delete"];
    await db.event.updateMany({ data: { status: "cancelled" } });
    await waitFor(() => fake.counts()["record-delete"] > deletesBefore, 30_000, 20, `a record delete (autoscaler output: ${child.output()})`);
    await killAutoscaler(child);
    const orphaned = ourARecords().filter((r) => !fake.instances().some((i) => i.label === r.name));
    expect(orphaned.length).toBeGreaterThanOrEqual(1); // the crash left a record without its instance

    // Restart: reconcile until nothing of ours is left, through a delete that answers 500 after deleting and a failing record delete.
    fake.inject({ target: "delete", kind: "500", commit: true });
    fake.inject({ target: "record-delete", kind: "500" });
    const ctx = testContext(db, provider(), { webrtcViewersPerShow: 0, scaleInStep: 5 }, { createGraceMs: 1_500, orphanGraceMs: 1_000 });
    await waitFor(
      async () => {
        await runTick(ctx);
        return fake.instances().length === 0 && ourARecords().length === 0 && (await db.edge.count({ where: { status: { not: "deleted" } } })) === 0;
      },
      30_000,
      200,
      "every edge and record deleted",
    ).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}: records ${JSON.stringify(fake.dnsRecords(ZONE))} instances ${JSON.stringify(fake.instances().map((i) => i.label))}`);
    });
    // Stable, and what is not ours is untouched.
    for (let i = 0; i < 3; i++) await runTick(ctx);
    expect(ourARecords()).toHaveLength(0);
    const names = (fake.dnsRecords(ZONE) ?? []).map((r) => `${r.type} ${r.name}`);
    expect(names).toEqual(expect.arrayContaining(["NS ", "A www", `A ${otherEnv}`]));
  });
});
