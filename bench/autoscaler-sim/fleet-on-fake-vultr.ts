/**
 * The real reconciler (apps/autoscaler) driving its Vultr REST client
 * against the fake Vultr API with faults (500s, hung and lost creates,
 * 429s, failed deletes): scale 0 → 20 edges for a show, then back to 0.
 * Reports ticks and wall time to converge (fake boot: 1 s), requests sent,
 * peak requests per second seen by the API, and leaked instances.
 */
import { createDb } from "@limelight/db";
import { createEvent, createUser } from "@limelight/db/seed/factories";
import { defaultScalingConfig } from "@limelight/domain/scaling/config";
import { startFakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort } from "@limelight/testkit";
import { pino } from "pino";
import { DbDemandSource } from "../../apps/autoscaler/src/demand/db-demand-source";
import { HttpHealthChecker } from "../../apps/autoscaler/src/health/http-health-checker";
import { NoFence } from "../../apps/autoscaler/src/fleet/lease";
import { AutoscalerMetrics } from "../../apps/autoscaler/src/metrics/autoscaler-metrics";
import { VultrGate } from "../../apps/autoscaler/src/providers/vultr/vultr-gate";
import { VultrProvider } from "../../apps/autoscaler/src/providers/vultr/vultr-provider";
import { createVultrRestClient } from "../../apps/autoscaler/src/providers/vultr/vultr-rest-client";
import { runTick } from "../../apps/autoscaler/src/reconcile/run-tick";
import { type TickContext } from "../../apps/autoscaler/src/reconcile/tick-context";

/** One phase of the fleet bench. Times in ms. */
export interface FleetPhase {
  phase: string;
  ticks: number;
  ms: number;
  requests: number;
  peakRequestsPerSecond: number;
  instancesAtEnd: number;
}

/** Runs the scale-up / scale-down phases and returns their numbers. */
export async function benchFleetOnFakeVultr(edges = 20): Promise<FleetPhase[]> {
  const healthPort = await freePort();
  const fake = await startFakeVultr({ activeAfterMs: 300, bootMs: 1_000, edgeHealthPort: healthPort, rateLimitPerSecond: 30 });
  const db = createDb(createSqliteDatabase());
  const log = pino({ level: "silent" });
  try {
    const { user } = await createUser(db);
    const event = await createEvent(db, { status: "on_sale", startsAt: new Date(Date.now() + 5 * 60_000), capacity: edges * 100 });
    await db.ticket.createMany({ data: Array.from({ length: edges * 100 }, () => ({ eventId: event.id, userId: user.id, source: "comp", amountCents: 0, currency: "usd" })) });

    const client = createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 1_000 });
    const provider = new VultrProvider(client, {
      region: "ewr",
      plan: "vc2-1c-1gb",
      osId: "2136",
      hourlyCostCents: 500 / 672,
      environment: "bench",
      edgePort: healthPort,
      userData: "#cloud-config\n",
      perPage: 10,
      call: { gate: new VultrGate(20), timeoutMs: 1_000, rateLimitBackoffMs: 1_000, retryBackoffMs: 100, maxAttempts: 5 },
    });
    const ctx: TickContext = {
      db,
      provider,
      health: new HttpHealthChecker(500),
      demand: new DbDemandSource(db, null, { leadTimeMs: 15 * 60_000, rushWindowMs: 20 * 60_000 }, log),
      config: { ...defaultScalingConfig, hourlyBilling: false, webrtcViewersPerShow: 0, maxEdges: edges, budgetCentsPerHour: 100, scaleInCooldownMs: 0, stabilisationWindowMs: 0, scaleInStep: edges },
      options: { environment: "bench", unhealthyAfter: 2, bootTimeoutMs: 60_000, createGraceMs: 2_000, orphanGraceMs: 2_000, maxCreatesPerMinute: 60 },
      fence: new NoFence(db),
      log,
      metrics: new AutoscalerMetrics(),
      now: () => Date.now(),
    };

    const phase = async (name: string, done: () => Promise<boolean>): Promise<FleetPhase> => {
      const before = fake.counts().any;
      const started = Date.now();
      let ticks = 0;
      while (!(await done())) {
        await runTick(ctx);
        ticks += 1;
        if (Date.now() - started > 120_000) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      return { phase: name, ticks, ms: Date.now() - started, requests: fake.counts().any - before, peakRequestsPerSecond: fake.peakRequestsPerSecond(), instancesAtEnd: fake.instances().length };
    };

    fake.inject({ target: "create", kind: "500", count: 2 });
    fake.inject({ target: "create", kind: "500", commit: true, count: 2 });
    fake.inject({ target: "create", kind: "hang", commit: true, count: 2 });
    fake.inject({ target: "create", kind: "429" });
    fake.inject({ target: "list", kind: "500" });
    const up = await phase(`0 → ${edges} ready (with faults)`, async () => (await db.edge.count({ where: { status: "ready" } })) === edges && fake.instances().length === edges);

    await db.event.updateMany({ data: { status: "cancelled" } });
    fake.inject({ target: "delete", kind: "500", count: 3 });
    fake.inject({ target: "delete", kind: "hang", commit: true });
    const down = await phase(`${edges} → 0 (with failed deletes)`, async () => fake.instances().length === 0 && (await db.edge.count({ where: { status: { not: "deleted" } } })) === 0);
    return [up, down];
  } finally {
    await db.$disconnect();
    await fake.close();
  }
}
