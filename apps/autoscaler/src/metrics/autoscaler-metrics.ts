import { Counter, Gauge, Registry } from "prom-client";
import { ProviderError } from "../providers/edge-provider";

/**
 * Prometheus metrics of the autoscaler on its own registry (served at /metrics):
 * desired, actual (billed at the provider), booting, ready and draining edges,
 * edges per status, cost per hour (cents), edge viewer demand, unmet viewers,
 * cap reached, lease holder and fencing token, last successful tick, and
 * counters of ticks, creates, deletes, provider errors (by failure) and API
 * errors (by HTTP status code).
 */
export class AutoscalerMetrics {
  readonly registry = new Registry();
  readonly desired = new Gauge({ name: "limelight_autoscaler_desired_edges", help: "Active edges the policy wants", registers: [this.registry] });
  readonly ready = new Gauge({ name: "limelight_autoscaler_ready_edges", help: "Edges whose /healthz answers", registers: [this.registry] });
  readonly booting = new Gauge({ name: "limelight_autoscaler_booting_edges", help: "Edges created whose health probe has not passed yet", registers: [this.registry] });
  readonly actual = new Gauge({ name: "limelight_autoscaler_actual_edges", help: "Instances billed at the provider (its list plus creates whose reply was lost)", registers: [this.registry] });
  readonly unmetViewers = new Gauge({ name: "limelight_autoscaler_unmet_viewers", help: "Edge viewer demand above what ready edges carry at 100 %", registers: [this.registry] });
  readonly capReached = new Gauge({ name: "limelight_autoscaler_cap_reached", help: "1 when maxEdges or the hourly budget keeps the fleet below demand", registers: [this.registry] });
  readonly apiErrors = new Counter({ name: "limelight_autoscaler_provider_api_errors_total", help: "Provider API answers that were errors, by HTTP status (or timeout/network)", labelNames: ["code"], registers: [this.registry] });
  readonly leaseHolder = new Gauge({ name: "limelight_autoscaler_lease_holder", help: "1 while this process holds the autoscaler lease", labelNames: ["holder"], registers: [this.registry] });
  readonly leaseToken = new Gauge({ name: "limelight_autoscaler_lease_fencing_token", help: "Fencing token of this process's lease (0 when not held)", registers: [this.registry] });
  readonly lastTickSuccess = new Gauge({ name: "limelight_autoscaler_last_successful_tick_seconds", help: "Unix time of the last tick that completed", registers: [this.registry] });
  readonly draining = new Gauge({ name: "limelight_autoscaler_draining_edges", help: "Edges taking no new viewers", registers: [this.registry] });
  readonly edges = new Gauge({ name: "limelight_autoscaler_edges", help: "Edges by status", labelNames: ["status"], registers: [this.registry] });
  readonly costPerHour = new Gauge({ name: "limelight_autoscaler_cost_cents_per_hour", help: "Hourly cost of every billed edge, cents", registers: [this.registry] });
  readonly edgeViewers = new Gauge({ name: "limelight_autoscaler_edge_viewer_demand", help: "HLS viewers the edges must carry", registers: [this.registry] });
  readonly ticks = new Counter({ name: "limelight_autoscaler_ticks_total", help: "Reconciliation ticks", labelNames: ["outcome"], registers: [this.registry] });
  readonly created = new Counter({ name: "limelight_autoscaler_edges_created_total", help: "Edges created at the provider", registers: [this.registry] });
  readonly deleted = new Counter({ name: "limelight_autoscaler_edges_deleted_total", help: "Edges deleted at the provider", registers: [this.registry] });
  readonly providerErrors = new Counter({ name: "limelight_autoscaler_provider_errors_total", help: "Failed provider calls", labelNames: ["failure"], registers: [this.registry] });

  /** Counts one failed provider call by failure and by API status code. */
  countProviderError(err: unknown): void {
    const failure = err instanceof ProviderError ? err.failure : "network";
    this.providerErrors.inc({ failure });
    this.apiErrors.inc({ code: err instanceof ProviderError ? err.code : "network" });
  }
}
