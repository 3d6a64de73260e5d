import { randomBytes } from "node:crypto";

/**
 * A fresh idempotency label for one create intent: `ll-<env>-<12 hex>`.
 * Written to the Edge row before the provider call and used as the Vultr
 * instance label and hostname, so an instance can always be traced back to its row.
 */
export function newEdgeLabel(environment: string): string {
  return `ll-${environment}-${randomBytes(6).toString("hex")}`;
}
