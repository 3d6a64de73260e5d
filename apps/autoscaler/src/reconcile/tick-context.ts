import { type Db, type EdgeModel as Edge } from "@limelight/db";
import { type ScalingConfig } from "@limelight/domain/scaling/config";
import { type Logger } from "pino";
import { type DemandSource } from "../demand/demand-source";
import { type HealthChecker } from "../health/http-health-checker";
import { type AutoscalerMetrics } from "../metrics/autoscaler-metrics";
import { type Fence } from "../fleet/lease";
import { type EdgeProvider } from "../providers/edge-provider";

/** Reconciliation timings. All in ms. */
export interface ReconcileOptions {
  /** Environment name (part of every label). */
  environment: string;
  /** Consecutive failed health checks after which a ready or draining edge is "failed". */
  unhealthyAfter: number;
  /** A booting edge whose /healthz never answered within this time is "failed". */
  bootTimeoutMs: number;
  /** A "creating" intent the provider does not know after this long is abandoned. */
  createGraceMs: number;
  /** A tagged instance without a database row is deleted once older than this. */
  orphanGraceMs: number;
  /** Most create calls started in any 60 s (counted from the Edge rows, so restarts do not reset it). */
  maxCreatesPerMinute: number;
}

/** Everything one tick needs; built once per process (src/wire.ts) or per test. */
export interface TickContext {
  db: Db;
  provider: EdgeProvider;
  health: HealthChecker;
  demand: DemandSource;
  config: ScalingConfig;
  options: ReconcileOptions;
  log: Logger;
  metrics: AutoscalerMetrics;
  /** Clock, ms epoch (tests may pin it). */
  now: () => number;
  /**
   * The lease this tick acts under: every database write goes through
   * `fence.write` (refused once the fencing token is stale) and every provider
   * call is checked with `fence.assertHeld()`. `NoFence` when the caller
   * guarantees a single autoscaler (tests of one tick, benches).
   */
  fence: Fence;
  /** Renews the fleet's wildcard certificate when due (TLS edges only); called once per tick before creates. */
  certificates?: { renew(now: number): Promise<void> };
}

/** What a tick did, for the audit row and the logs. */
export interface TickJournal {
  adopted: string[];
  abandoned: string[];
  vanished: string[];
  orphansDeleted: string[];
  becameReady: string[];
  failed: string[];
  created: string[];
  drained: string[];
  undrained: string[];
  deleted: string[];
  errors: string[];
}

/** An empty journal. */
export function newJournal(): TickJournal {
  return { adopted: [], abandoned: [], vanished: [], orphansDeleted: [], becameReady: [], failed: [], created: [], drained: [], undrained: [], deleted: [], errors: [] };
}

/** Edge rows still billed or pending (everything but "deleted") of this provider. */
export function liveEdges(ctx: TickContext): Promise<Edge[]> {
  return ctx.db.edge.findMany({ where: { provider: ctx.provider.name, status: { not: "deleted" } }, orderBy: { createdAt: "asc" } });
}
