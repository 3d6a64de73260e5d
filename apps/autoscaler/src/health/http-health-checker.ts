import { z } from "zod";

/** What one health check found. */
export interface EdgeHealth {
  /** True when `GET <baseUrl>/healthz` answered 200 within the deadline. */
  ok: boolean;
  /** Viewers the edge reports at `GET <baseUrl>/viewers` (`{"viewers":N}`), or null when unknown. */
  viewers: number | null;
  /** Viewers per stream id (= event id) from the same report's `"streams"`, or null when unknown. */
  showViewers: Record<string, number> | null;
}

/** Checks an edge's own health (never the provider's status). */
export interface HealthChecker {
  /** `streamIds`: streams live now (event ids), which a checker may request through the edge. Never throws. */
  check(baseUrl: string, streamIds?: readonly string[]): Promise<EdgeHealth>;
}

const viewersSchema = z.object({
  viewers: z.number().int().min(0),
  streams: z.record(z.string(), z.number().int().min(0)).optional(),
});

const UNHEALTHY: EdgeHealth = { ok: false, viewers: null, showViewers: null };
const UNKNOWN_VIEWERS: EdgeHealth = { ok: true, viewers: null, showViewers: null };

/**
 * Health over HTTP against the edge template's endpoints (infra/nginx/render-edge.ts):
 * `/healthz` must answer 200, `/viewers` gives the viewer count in total and
 * per stream (`{"viewers":N,"streams":{"<eventId>":n}}`). Each request has a
 * deadline of `timeoutMs`. Never throws.
 */
export class HttpHealthChecker implements HealthChecker {
  constructor(private readonly timeoutMs: number) {}

  async check(baseUrl: string): Promise<EdgeHealth> {
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(this.timeoutMs) });
      await res.arrayBuffer();
      if (res.status !== 200) return UNHEALTHY;
    } catch {
      return UNHEALTHY;
    }
    try {
      const res = await fetch(`${baseUrl}/viewers`, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (res.status !== 200) {
        await res.arrayBuffer();
        return UNKNOWN_VIEWERS;
      }
      const parsed = viewersSchema.safeParse(await res.json());
      if (!parsed.success) return UNKNOWN_VIEWERS;
      return { ok: true, viewers: parsed.data.viewers, showViewers: parsed.data.streams ?? null };
    } catch {
      return UNKNOWN_VIEWERS;
    }
  }
}
