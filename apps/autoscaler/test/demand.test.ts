import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbDemandSource } from "../src/demand/db-demand-source";
import { seedShow } from "./helpers";

describe("demand from the database", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(createSqliteDatabase());
  });
  afterAll(() => db.$disconnect());

  it("attributes HLS viewers to each live show from the edges' per-show reports, ignoring failed edges", async () => {
    const big = await seedShow(db, { startsInMs: -10 * 60_000, tickets: 300, status: "live" });
    const small = await seedShow(db, { startsInMs: -5 * 60_000, tickets: 20, status: "live" });
    const edge = (label: string, status: string, viewers: number, showViewers: Record<string, number>) =>
      db.edge.create({ data: { label, provider: "local", region: "local", plan: "nginx", hourlyCostCents: 0, status, viewers, showViewers: JSON.stringify(showViewers) } });
    await edge("e1", "ready", 150, { [big.id]: 150 });
    await edge("e2", "draining", 60, { [big.id]: 50, [small.id]: 10 });
    await edge("e3", "failed", 999, { [big.id]: 999 });

    const demand = await new DbDemandSource(db, null, { leadTimeMs: 15 * 60_000, rushWindowMs: 20 * 60_000 }, pino({ level: "silent" })).read(Date.now());
    const byShow = Object.fromEntries(demand.shows.map((s) => [s.eventId, { hls: s.hlsViewers, tickets: s.ticketsSold, status: s.status }]));
    expect(byShow).toEqual({
      [big.id]: { hls: 200, tickets: 300, status: "live" },
      [small.id]: { hls: 10, tickets: 20, status: "live" },
    });
    expect(demand.hlsViewersOnEdges).toBe(210);
  });

  it("counts an ended show while its replay window is open, and forgets it afterwards", async () => {
    await db.edge.deleteMany({});
    const open = await seedShow(db, { startsInMs: -3 * 3_600_000, tickets: 40, status: "live" });
    const closed = await seedShow(db, { startsInMs: -50 * 3_600_000, tickets: 40, status: "live" });
    await db.event.update({ where: { id: open.id }, data: { status: "ended", endedAt: new Date(Date.now() - 3_600_000), replayWindowHours: 48 } });
    await db.event.update({ where: { id: closed.id }, data: { status: "ended", endedAt: new Date(Date.now() - 49 * 3_600_000), replayWindowHours: 48 } });
    const demand = await new DbDemandSource(db, null, { leadTimeMs: 15 * 60_000, rushWindowMs: 20 * 60_000 }, pino({ level: "silent" })).read(Date.now());
    const replays = demand.shows.filter((s) => s.status === "replay").map((s) => s.eventId);
    expect(replays).toContain(open.id);
    expect(replays).not.toContain(closed.id);
  });
});
