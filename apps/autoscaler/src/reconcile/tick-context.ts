import { type Db, type EdgeModel as Edge } from "@limelight/db";
import { type ScalingConfig } from "@limelight/domain/scaling/config";
import { type Logger } from "pino";
import { type DemandSource } from "../demand/demand-source";
import { type HealthChecker } from "../health/http-health-checker";
import { type AutoscalerMetrics } from "../metrics/autoscaler-metrics";
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
   * Renews this process's lease before the tick acts on the fleet; when it
   * answers false (another autoscaler took over) the tick decides but acts on nothing.
   * Absent: the caller guarantees a single autoscaler (tests, benches).
   */
  renewLease?: () => Promise<boolean>;
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
