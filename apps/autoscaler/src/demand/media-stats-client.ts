import { z } from "zod";

/**
 * `GET {MEDIA_INTERNAL_URL}/internal/stats` of apps/media, authorised with the
 * `x-internal-secret` header. Accepted shapes: `{ shows: [{ eventId, webrtcViewers | viewers }] }`
 * or `{ events: { <eventId>: { webrtcViewers | viewers } } }`.
 */
const showStat = z.object({ eventId: z.string(), webrtcViewers: z.number().int().min(0).optional(), viewers: z.number().int().min(0).optional() });
const statsSchema = z.union([
  z.object({ shows: z.array(showStat) }),
  z.object({ events: z.record(z.string(), z.object({ webrtcViewers: z.number().int().min(0).optional(), viewers: z.number().int().min(0).optional() })) }),
]);

/** WebRTC viewers per event id. */
export type WebRtcViewers = Map<string, number>;

/** Reads WebRTC viewers per show from the media service. */
export class MediaStatsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 2_000,
  ) {}

  /** Viewers per event id. Throws an Error when the service does not answer 200 with a known shape within the deadline. */
  async webrtcViewers(): Promise<WebRtcViewers> {
    const res = await fetch(`${this.baseUrl}/internal/stats`, { headers: { "x-internal-secret": this.secret }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (res.status !== 200) {
      await res.arrayBuffer();
      throw new Error(`media stats answered ${res.status}`);
    }
    const parsed = statsSchema.parse(await res.json());
    const out: WebRtcViewers = new Map();
    if ("shows" in parsed) for (const s of parsed.shows) out.set(s.eventId, s.webrtcViewers ?? s.viewers ?? 0);
    else for (const [id, s] of Object.entries(parsed.events)) out.set(id, s.webrtcViewers ?? s.viewers ?? 0);
    return out;
  }
}
