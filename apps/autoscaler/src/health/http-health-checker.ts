import { z } from "zod";

/** What one health check found. */
export interface EdgeHealth {
  /** True when `GET <baseUrl>/healthz` answered 200 within the deadline. */
  ok: boolean;
  /** Viewers the edge reports at `GET <baseUrl>/viewers` (`{"viewers":N}`), or null when unknown. */
  viewers: number | null;
}

/** Checks an edge's own health endpoint (never the provider's status). */
export interface HealthChecker {
  check(baseUrl: string): Promise<EdgeHealth>;
}

const viewersSchema = z.object({ viewers: z.number().int().min(0) });

/**
 * Health over HTTP against the edge template's endpoints (infra/nginx/render-edge.ts):
 * `/healthz` must answer 200, `/viewers` gives the viewer count. Each request
 * has a deadline of `timeoutMs`. Never throws.
 */
export class HttpHealthChecker implements HealthChecker {
  constructor(private readonly timeoutMs: number) {}

  async check(baseUrl: string): Promise<EdgeHealth> {
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(this.timeoutMs) });
      await res.arrayBuffer();
      if (res.status !== 200) return { ok: false, viewers: null };
    } catch {
      return { ok: false, viewers: null };
    }
    try {
      const res = await fetch(`${baseUrl}/viewers`, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (res.status !== 200) {
        await res.arrayBuffer();
        return { ok: true, viewers: null };
      }
      const parsed = viewersSchema.safeParse(await res.json());
      return { ok: true, viewers: parsed.success ? parsed.data.viewers : null };
    } catch {
      return { ok: true, viewers: null };
    }
  }
}
