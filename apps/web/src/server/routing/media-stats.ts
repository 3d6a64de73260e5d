/**
 * How many WebRTC viewers a show has, asked of apps/media:
 * `GET {MEDIA_INTERNAL_URL}/internal/shows/:eventId/stats` with header
 * `x-internal-secret` → `{ webrtcViewers: number, ... }`.
 */
import { z } from "zod";

/** Source of a show's WebRTC viewer count. */
export interface MediaStats {
  /** WebRTC viewers of the show, or null when the media service cannot tell (down, slow, malformed answer). */
  webrtcViewers(eventId: string): Promise<number | null>;
}

const statsSchema = z.looseObject({ webrtcViewers: z.number().int().nonnegative() });

/** MediaStats over HTTP; takes its fetch function in the constructor. Never throws: failures give null. */
export class HttpMediaStats implements MediaStats {
  constructor(
    private readonly baseUrl: string,
    private readonly internalSecret: string,
    private readonly fetchFn: typeof fetch = fetch,
    /** Deadline of one call in ms. */
    private readonly timeoutMs = 1_500,
  ) {}

  async webrtcViewers(eventId: string): Promise<number | null> {
    try {
      const url = `${this.baseUrl.replace(/\/+$/, "")}/internal/shows/${encodeURIComponent(eventId)}/stats`;
      const response = await this.fetchFn(url, {
        headers: { "x-internal-secret": this.internalSecret },
        signal: AbortSignal.timeout(this.timeoutMs),
        cache: "no-store",
      });
      if (!response.ok) return null;
      const parsed = statsSchema.safeParse(await response.json());
      return parsed.success ? parsed.data.webrtcViewers : null;
    } catch {
      return null;
    }
  }
}
