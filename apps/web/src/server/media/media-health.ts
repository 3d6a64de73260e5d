/**
 * The media node's health as the admin sees it, read from
 * `GET {MEDIA_INTERNAL_URL}/health` (apps/media http-handler):
 * `{ ok, status: "ok" | "degraded" | "down", reason?, frozenPrograms: [{eventId, frozenSince (ISO 8601), frozenForMs}] }`
 * with HTTP 200 (ok, degraded) or 503 (down).
 */
import { z } from "zod";

/** A live show whose program has had no video flowing: since when and for how long (ms). */
export interface FrozenProgramView {
  eventId: string;
  frozenSince: Date;
  frozenForMs: number;
}

/** What the admin is shown: the node's status, why, and the shows whose program is frozen. `unreachable` when the node did not answer. */
export interface MediaHealthView {
  status: "ok" | "degraded" | "down" | "unreachable";
  reason: string | null;
  frozenPrograms: FrozenProgramView[];
}

const healthSchema = z.looseObject({
  status: z.enum(["ok", "degraded", "down"]),
  reason: z.string().optional(),
  frozenPrograms: z.array(z.object({ eventId: z.string(), frozenSince: z.iso.datetime(), frozenForMs: z.number().nonnegative() })).default([]),
});

/** Reads the media node's /health; takes its fetch function in the constructor. Never throws: no answer or a malformed one is `unreachable`. */
export class HttpMediaHealth {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: typeof fetch = fetch,
    /** Deadline of the call in ms. */
    private readonly timeoutMs = 1_500,
  ) {}

  async read(): Promise<MediaHealthView> {
    try {
      const response = await this.fetchFn(`${this.baseUrl.replace(/\/+$/, "")}/health`, { signal: AbortSignal.timeout(this.timeoutMs), cache: "no-store" });
      const parsed = healthSchema.safeParse(await response.json());
      if (!parsed.success) return { status: "unreachable", reason: `The media node answered HTTP ${response.status} with an unexpected body`, frozenPrograms: [] };
      const { status, reason, frozenPrograms } = parsed.data;
      return {
        status,
        reason: reason ?? null,
        frozenPrograms: frozenPrograms.map((f) => ({ eventId: f.eventId, frozenSince: new Date(f.frozenSince), frozenForMs: f.frozenForMs })),
      };
    } catch (error) {
      return { status: "unreachable", reason: `The media node did not answer (${error instanceof Error ? error.message : String(error)})`, frozenPrograms: [] };
    }
  }
}
