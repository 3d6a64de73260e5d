import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort, waitFor, type Spawned } from "@limelight/testkit";
import { mkdtempSync, readFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAutoscaler, seedShow, spawnAutoscaler } from "./helpers";

/**
 * Three real autoscaler processes share one database and one (fake) Vultr
 * account whose every answer takes 700 ms, so a tick (list, creates, lookups)
 * lasts longer than the 1.5 s lease: only background renewal keeps the lease,
 * and the fencing token must stop anyone else from acting.
 */
describe("three autoscaler processes, ticks slower than the lease", () => {
  let fake: FakeVultr;
  let db: Db;
  let dbUrl: string;
  const children: { holder: string; spawned: Spawned }[] = [];

  beforeAll(async () => {
    const healthPort = await freePort();
    fake = await startFakeVultr({ activeAfterMs: 300, bootMs: 1_000, edgeHealthPort: healthPort, latencyMs: 700 });
    dbUrl = createSqliteDatabase();
    db = createDb(dbUrl);
    const dir = mkdtempSync(join(tmpdir(), "limelight-lease-"));
    for (let i = 0; i < 3; i++) {
      const file = join(dir, `holder-${i}`);
      const spawned = spawnAutoscaler(fake, dbUrl, await freePort(), {
        AUTOSCALER_LEASE_TTL_MS: "1500",
        AUTOSCALER_HOLDER_ID_FILE: file,
        VULTR_CALL_TIMEOUT_MS: "5000",
        EDGE_HTTP_PORT: String(healthPort),
        EDGE_CREATE_GRACE_MS: "60000",
        ORPHAN_GRACE_MS: "60000",
      });
      await waitFor(() => { try { return readFileSync(file, "utf8").trim().length > 0; } catch { return false; } }, 60_000, 100, `holder file ${i}`);
      children.push({ holder: `${hostname()}/${readFileSync(file, "utf8").trim()}`, spawned });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => c.spawned.stop()));
    await db.$disconnect();
    await fake.close();
  });

  const decisions = () => db.scalingDecision.count();
  const liveRows = () => db.edge.findMany({ where: { status: { not: "deleted" } } });

  it("creates exactly what demand asks, then survives SIGKILL of the leader mid-tick with 0 orphans", async () => {
    // 100 tickets, show in 5 min: ceil(100 / 80) = 2 edges.
    const event = await seedShow(db, { startsInMs: 5 * 60_000, tickets: 100 });
    await waitFor(async () => (await db.edge.count({ where: { status: "ready" } })) === 2, 120_000, 200, "2 ready edges");
    // Keep watching for several more (long) ticks: nobody adds a third edge.
    const seen = await decisions();
    await waitFor(async () => (await decisions()) >= seen + 5, 120_000, 200, "five more ticks");
    expect(fake.peakInstances()).toBe(2);
    expect(fake.counts().create).toBe(2);
    const lease = await db.autoscalerLease.findUniqueOrThrow({ where: { id: "autoscaler" } });
    const leader = children.find((c) => c.holder === lease.holder);
    expect(leader).toBeDefined();

    // Demand grows to 4 edges; kill the leader while its creates are in flight.
    const { user } = await db.ticket.findFirstOrThrow({ where: { eventId: event.id }, select: { user: true } });
    await db.ticket.createMany({ data: Array.from({ length: 200 }, () => ({ eventId: event.id, userId: user.id, source: "comp", amountCents: 0, currency: "usd" })) });
    const createsBefore = fake.counts().create;
    await waitFor(() => fake.counts().create > createsBefore, 60_000, 20, "a create in flight");
    await killAutoscaler(leader!.spawned);

    // A survivor takes over (new holder, larger token) and converges without leaking or doubling.
    await waitFor(async () => {
      const rows = await liveRows();
      return rows.length === 4 && rows.every((r) => r.status === "ready") && fake.instances().length === 4;
    }, 120_000, 200, "4 ready edges after the takeover");
    const after = await db.autoscalerLease.findUniqueOrThrow({ where: { id: "autoscaler" } });
    expect(after.holder).not.toBe(leader!.holder);
    expect(after.token).toBeGreaterThan(lease.token);
    expect(fake.peakInstances()).toBe(4);
    const rows = await liveRows();
    const known = new Set(rows.map((r) => r.providerId));
    expect(fake.instances().filter((i) => !known.has(i.id))).toEqual([]); // 0 orphans
  }, 300_000);
});
