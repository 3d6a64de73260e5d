import { randomBytes } from "node:crypto";

/**
 * A fresh idempotency label for one create intent: `ll-<env>-<12 hex>`.
 * Written to the Edge row before the provider call and used as the Vultr
 * instance label and hostname, so an instance can always be traced back to its row.
 */
export function newEdgeLabel(environment: string): string {
  return `ll-${environment}-${randomBytes(6).toString("hex")}`;
}

/**
 * Matches exactly the labels `newEdgeLabel(environment)` makes (and no label
 * of another environment, even one whose name starts with this one's).
 */
export function edgeLabelPattern(environment: string): RegExp {
  return new RegExp(`^ll-${environment.replace(/[^a-z0-9-]/g, "")}-[0-9a-f]{12}$`);
}
