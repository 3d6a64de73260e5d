/**
 * A show's WebRTC side, asked of apps/media:
 * `GET {MEDIA_INTERNAL_URL}/internal/shows/:eventId/stats` with header
 * `x-internal-secret` → `{ eventId, live, webrtcViewers, hosts, injectedVideos }`
 * (mediaShowStatsSchema of @limelight/contracts; `live`: the node holds the
 * show's Kurento graph, so there is a WebRTC program).
 */
import { mediaShowStatsSchema } from "@limelight/contracts";

/** A show's WebRTC side: whether the media service has its program, and its WebRTC viewers. */
export interface WebRtcSide {
  program: boolean;
  viewers: number;
}

/** Source of a show's WebRTC side. */
export interface MediaStats {
  /** The show's WebRTC side, or null when the media service cannot tell (down, slow, malformed answer). */
  webrtcSide(eventId: string): Promise<WebRtcSide | null>;
}

/** MediaStats over HTTP; takes its fetch function in the constructor. Never throws: failures give null. */
export class HttpMediaStats implements MediaStats {
  constructor(
    private readonly baseUrl: string,
    private readonly internalSecret: string,
    private readonly fetchFn: typeof fetch = fetch,
    /** Deadline of one call in ms. */
    private readonly timeoutMs = 1_500,
  ) {}

  async webrtcSide(eventId: string): Promise<WebRtcSide | null> {
    try {
      const url = `${this.baseUrl.replace(/\/+$/, "")}/internal/shows/${encodeURIComponent(eventId)}/stats`;
      const response = await this.fetchFn(url, {
        headers: { "x-internal-secret": this.internalSecret },
        signal: AbortSignal.timeout(this.timeoutMs),
        cache: "no-store",
      });
      if (!response.ok) return null;
      const parsed = mediaShowStatsSchema.safeParse(await response.json());
      return parsed.success ? { program: parsed.data.live, viewers: parsed.data.webrtcViewers } : null;
    } catch {
      return null;
    }
  }
}
