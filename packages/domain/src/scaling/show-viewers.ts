/**
 * HLS viewers per show, as the edges report them. Each edge's `GET /viewers`
 * carries `"streams": {"<eventId>": n}` (infra/nginx/render-edge.ts); the
 * autoscaler stores that object as JSON on the edge's row (Edge.showViewers).
 */
import { z } from "zod";

const showViewersSchema = z.record(z.string(), z.number().int().min(0));

/**
 * Adds up per-show viewer counts over edges. Input: one JSON string per edge
 * (an object event id → viewers); a string that is not such an object counts
 * as no viewers (never throws). Output: event id → total HLS viewers.
 */
export function sumShowViewers(reports: readonly string[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const report of reports) {
    let value: unknown;
    try {
      value = JSON.parse(report);
    } catch {
      continue;
    }
    const parsed = showViewersSchema.safeParse(value);
    if (!parsed.success) continue;
    for (const [eventId, viewers] of Object.entries(parsed.data)) totals.set(eventId, (totals.get(eventId) ?? 0) + viewers);
  }
  return totals;
}
