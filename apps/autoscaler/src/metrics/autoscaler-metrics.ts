import { Counter, Gauge, Registry } from "prom-client";

/**
 * Prometheus metrics of the autoscaler on its own registry (served at /metrics):
 * desired, ready and draining edges, edges per status, cost per hour (cents),
 * edge viewer demand, and counters of ticks, creates, deletes and provider errors.
 */
export class AutoscalerMetrics {
  readonly registry = new Registry();
  readonly desired = new Gauge({ name: "limelight_autoscaler_desired_edges", help: "Active edges the policy wants", registers: [this.registry] });
  readonly ready = new Gauge({ name: "limelight_autoscaler_ready_edges", help: "Edges whose /healthz answers", registers: [this.registry] });
  readonly draining = new Gauge({ name: "limelight_autoscaler_draining_edges", help: "Edges taking no new viewers", registers: [this.registry] });
  readonly edges = new Gauge({ name: "limelight_autoscaler_edges", help: "Edges by status", labelNames: ["status"], registers: [this.registry] });
  readonly costPerHour = new Gauge({ name: "limelight_autoscaler_cost_cents_per_hour", help: "Hourly cost of every billed edge, cents", registers: [this.registry] });
  readonly edgeViewers = new Gauge({ name: "limelight_autoscaler_edge_viewer_demand", help: "HLS viewers the edges must carry", registers: [this.registry] });
  readonly ticks = new Counter({ name: "limelight_autoscaler_ticks_total", help: "Reconciliation ticks", labelNames: ["outcome"], registers: [this.registry] });
  readonly created = new Counter({ name: "limelight_autoscaler_edges_created_total", help: "Edges created at the provider", registers: [this.registry] });
  readonly deleted = new Counter({ name: "limelight_autoscaler_edges_deleted_total", help: "Edges deleted at the provider", registers: [this.registry] });
  readonly providerErrors = new Counter({ name: "limelight_autoscaler_provider_errors_total", help: "Failed provider calls", labelNames: ["failure"], registers: [this.registry] });
}
