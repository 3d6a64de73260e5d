import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFleet } from "./load-fleet";

const H = 3_600_000;

describe("admin fleet view", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(createSqliteDatabase());
  });
  afterAll(() => db.$disconnect());

  it("shows running and recently deleted edges, their cost so far, the latest decision and the ones that scaled", async () => {
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    await db.edge.createMany({
      data: [
        { label: "ll-dev-a", provider: "vultr", region: "ewr", plan: "vc2-1c-1gb", status: "ready", hourlyCostCents: 3, createdAt: at(-2.5 * H), readyAt: at(-2.4 * H), baseUrl: "http://203.0.113.1:80", viewers: 42 },
        { label: "ll-dev-b", provider: "vultr", region: "ewr", plan: "vc2-1c-1gb", status: "deleted", hourlyCostCents: 3, createdAt: at(-5 * H), deletedAt: at(-4.9 * H) },
        { label: "ll-dev-old", provider: "vultr", region: "ewr", plan: "vc2-1c-1gb", status: "deleted", hourlyCostCents: 3, createdAt: at(-40 * 24 * H), deletedAt: at(-40 * 24 * H + H) },
      ],
    });
    const decision = (reason: string, ms: number, actions: object) => ({
      at: at(ms),
      desired: 1,
      ready: 1,
      draining: 0,
      reason,
      inputs: JSON.stringify({ policy: { edgeViewers: 42 } }),
      actions: JSON.stringify(actions),
    });
    await db.scalingDecision.createMany({
      data: [
        decision("scale-out", -2.5 * H, { create: 1, journal: { created: ["ll-dev-a"] } }),
        decision("steady", -H, { create: 0, journal: {} }),
        decision("steady", -1_000, { create: 0, journal: {} }),
      ],
    });

    const fleet = await loadFleet(db, now);
    expect(fleet.edges.map((e) => e.label)).toEqual(["ll-dev-a", "ll-dev-b"]);
    expect(fleet.last24h.billedEdges).toBe(1);
    expect(fleet.last24h.costPerHourCents).toBe(3);
    // a: 2.5 h running → 3 started hours; b: 6 minutes → 1 hour minimum.
    expect(fleet.last24h.costSinceCents).toBe(12);
    expect(fleet.decisions.map((d) => d.reason)).toEqual(["steady", "scale-out"]);
    expect(fleet.decisions[1]!.summary).toBe("create 1, created 1");
    expect(fleet.decisions[0]!.edgeViewers).toBe(42);
  });
});
