import { createDb, type Db } from "@limelight/db";
import { createEvent, createUser } from "@limelight/db/seed/factories";
import { decideScaling, initialPolicyState } from "@limelight/domain/scaling/policy";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase } from "@limelight/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider } from "../src/providers/vultr/vultr-provider";
import { createVultrRestClient } from "../src/providers/vultr/vultr-rest-client";
import { runTick } from "../src/reconcile/run-tick";
import { testContext } from "./helpers";

describe("pre-warm from tickets sold times the show-up rate learned per series", () => {
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

  async function showOf(hostId: string, buyerId: string, startsInMs: number, tickets: number, status: "live" | "on_sale") {
    const event = await createEvent(db, { status, startsAt: new Date(Date.now() + startsInMs), capacity: tickets });
    await db.eventHost.create({ data: { eventId: event.id, userId: hostId, shareBps: 10_000 } });
    await db.ticket.createMany({ data: Array.from({ length: tickets }, () => ({ eventId: event.id, userId: buyerId, source: "comp", amountCents: 0, currency: "usd" })) });
    return event;
  }

  it("learns 50 % from a performer's live show and pre-warms her next show for half its tickets", async () => {
    const { user: performer } = await createUser(db);
    const { user: buyer } = await createUser(db);
    const provider = new VultrProvider(createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 2_000 }), {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 1, environment: "test", edgePort: 80, userData: "#cloud-config\n",
      call: { gate: new VultrGate(20), timeoutMs: 2_000, rateLimitBackoffMs: 100, retryBackoffMs: 50, maxAttempts: 3 },
    });
    const ctx = testContext(db, provider, { headroom: 0, leadTimeMs: 5 * 60_000 });
    // Her first show is live with 100 tickets; its edge reports 50 viewers of it.
    const first = await showOf(performer.id, buyer.id, -30 * 60_000, 100, "live");
    await db.edge.create({ data: { label: "ll-test-000000000001", provider: "other", region: "ewr", plan: "p", status: "ready", hourlyCostCents: 1, viewers: 50, showViewers: JSON.stringify({ [first.id]: 50 }) } });
    await runTick(ctx);
    expect(await db.showAttendance.findUniqueOrThrow({ where: { eventId: first.id } })).toMatchObject({ ticketsSold: 100, peakViewers: 50 });

    // Her next show, 400 tickets, starts in 4 minutes (inside the pre-warm lead).
    await db.event.update({ where: { id: first.id }, data: { status: "ended", endedAt: new Date() } });
    await db.edge.deleteMany();
    const next = await showOf(performer.id, buyer.id, 4 * 60_000, 400, "on_sale");
    const demand = await ctx.demand.read(Date.now());
    const show = demand.shows.find((s) => s.eventId === next.id)!;
    expect(show.showUpRate).toBe(0.5);
    expect(decideScaling(Date.now(), demand, [], initialPolicyState, ctx.config).actions.create).toBe(2); // 400 × 0.5 ÷ 100
    // Another performer's show has no history: all its ticket holders are expected.
    const { user: other } = await createUser(db);
    const unknown = await showOf(other.id, buyer.id, 4 * 60_000, 100, "on_sale");
    expect((await ctx.demand.read(Date.now())).shows.find((s) => s.eventId === unknown.id)!.showUpRate).toBeUndefined();
    // Her first show was first seen 30 minutes after its start: how fast its audience came is unknown.
    expect(show.startShowUpRate).toBeUndefined();
  });

  it("learns how much of the audience comes within a boot of the start, and pre-warms only that before the next start", async () => {
    const { user: performer } = await createUser(db);
    const { user: buyer } = await createUser(db);
    const provider = new VultrProvider(createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 2_000 }), {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 1, environment: "test", edgePort: 80, userData: "#cloud-config\n",
      call: { gate: new VultrGate(20), timeoutMs: 2_000, rateLimitBackoffMs: 100, retryBackoffMs: 50, maxAttempts: 3 },
    });
    const ctx = testContext(db, provider, { headroom: 0, leadTimeMs: 5 * 60_000, forecastLeadMs: 3 * 60_000 });
    // Her first show started a minute ago with 100 tickets: 20 viewers so far (inside the start window).
    const first = await showOf(performer.id, buyer.id, -60_000, 100, "live");
    const label = "ll-test-00000000000a";
    await db.edge.create({ data: { label, provider: "other", region: "ewr", plan: "p", status: "ready", hourlyCostCents: 1, viewers: 20, showViewers: JSON.stringify({ [first.id]: 20 }) } });
    await runTick(ctx);
    // Later (outside the start window) 90 came: the peak grows, the start peak stays what the start saw.
    await db.event.update({ where: { id: first.id }, data: { startsAt: new Date(Date.now() - 30 * 60_000) } });
    await db.showAttendance.update({ where: { eventId: first.id }, data: { startsAt: new Date(Date.now() - 30 * 60_000) } });
    await db.edge.update({ where: { label }, data: { viewers: 90, showViewers: JSON.stringify({ [first.id]: 90 }) } });
    await runTick(ctx);
    expect(await db.showAttendance.findUniqueOrThrow({ where: { eventId: first.id } })).toMatchObject({ ticketsSold: 100, peakViewers: 90, startPeakViewers: 20 });

    await db.event.update({ where: { id: first.id }, data: { status: "ended", endedAt: new Date() } });
    await db.edge.deleteMany();
    const next = await showOf(performer.id, buyer.id, 4 * 60_000, 400, "on_sale");
    const now = Date.now();
    const read = await ctx.demand.read(now);
    // (The database also holds the shows of the test above: only this one counts here.)
    const demand = { ...read, shows: read.shows.filter((s) => s.eventId === next.id) };
    expect(demand.shows[0]).toMatchObject({ showUpRate: 0.9, startShowUpRate: 0.2 });
    // Before the start: 400 × 0.2 = 80 viewers, one edge; from the start: 400 × 0.9 = 360, four.
    expect(decideScaling(now, demand, [], initialPolicyState, ctx.config).actions.create).toBe(1);
    const started = { ...demand, shows: demand.shows.map((s) => ({ ...s, status: "live" as const, startsAt: now })) };
    expect(decideScaling(now, started, [], initialPolicyState, ctx.config).actions.create).toBe(4);
  });
});
