import { type Db } from "@limelight/db";
import { createEvent, createUser } from "@limelight/db/seed/factories";
import { defaultScalingConfig, type ScalingConfig } from "@limelight/domain/scaling/config";
import { pino } from "pino";
import { DbDemandSource } from "../src/demand/db-demand-source";
import { HttpHealthChecker } from "../src/health/http-health-checker";
import { AutoscalerMetrics } from "../src/metrics/autoscaler-metrics";
import { type EdgeProvider } from "../src/providers/edge-provider";
import { type ReconcileOptions, type TickContext } from "../src/reconcile/tick-context";

/** A show with `tickets` valid tickets (one buyer, many tickets), on sale or live. */
export async function seedShow(db: Db, options: { startsInMs: number; tickets: number; status?: "on_sale" | "live" }) {
  const { user } = await createUser(db);
  const event = await createEvent(db, { status: options.status ?? "on_sale", startsAt: new Date(Date.now() + options.startsInMs), capacity: options.tickets });
  await db.ticket.createMany({
    data: Array.from({ length: options.tickets }, () => ({ eventId: event.id, userId: user.id, source: "comp", amountCents: 0, currency: "usd" })),
  });
  return event;
}

/** A tick context over real parts (DB demand, HTTP health checks) for `provider`. */
export function testContext(db: Db, provider: EdgeProvider, config: Partial<ScalingConfig> = {}, options: Partial<ReconcileOptions> = {}): TickContext {
  const log = pino({ level: "silent" });
  return {
    db,
    provider,
    health: new HttpHealthChecker(1_000),
    demand: new DbDemandSource(db, null, { leadTimeMs: 15 * 60_000, rushWindowMs: 20 * 60_000 }, log),
    config: { ...defaultScalingConfig, webrtcViewersPerShow: 0, scaleInCooldownMs: 0, stabilisationWindowMs: 0, ...config },
    options: { environment: "test", unhealthyAfter: 1, bootTimeoutMs: 60_000, createGraceMs: 2_000, orphanGraceMs: 1_000, ...options },
    log,
    metrics: new AutoscalerMetrics(),
    now: () => Date.now(),
  };
}
