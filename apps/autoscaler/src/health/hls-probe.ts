import { signEdgeUrl } from "@limelight/edge-token";
import { HttpHealthChecker, type EdgeHealth, type HealthChecker } from "./http-health-checker";

/** Viewer id of the autoscaler's probe requests (the edge counts it as one viewer of the stream). */
export const PROBE_VIEWER_ID = "autoscaler-probe";

/** Settings of an HlsEdgeProber. Times in ms. */
export interface HlsProbeOptions {
  /** Deadline of each request. */
  timeoutMs: number;
  /** The origin's HTTP address as the edges reach it (`host:port`, EDGE_ORIGIN); its `/hls/` is what edges proxy. */
  origin: string;
  /** The edge token secret (EDGE_TOKEN_SECRET) to sign the probe's playlist URL with. */
  tokenSecret: string;
  /** How many media sequence numbers an edge's playlist may lag the origin's before it counts as stale (default 3). */
  maxLag?: number;
}

const MEDIA_SEQUENCE = /^#EXT-X-MEDIA-SEQUENCE:(\d+)\s*$/m;

/** The first variant playlist URI of an HLS master playlist (RFC 8216 §4.3.4.2), or null. */
export function firstVariant(master: string): string | null {
  const lines = master.split(/\r?\n/).map((l) => l.trim());
  const at = lines.findIndex((l) => l.startsWith("#EXT-X-STREAM-INF"));
  if (at < 0) return null;
  return lines.slice(at + 1).find((l) => l !== "" && !l.startsWith("#")) ?? null;
}

/** `#EXT-X-MEDIA-SEQUENCE` of a media playlist (RFC 8216 §4.3.3.2; absent means 0), or null when it is no playlist. */
export function mediaSequence(playlist: string): number | null {
  if (!playlist.startsWith("#EXTM3U")) return null;
  const m = MEDIA_SEQUENCE.exec(playlist);
  return m ? Number(m[1]) : 0;
}

async function getText(url: string, timeoutMs: number): Promise<{ status: number; text: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, text: await res.text() };
  } catch {
    return null;
  }
}

/**
 * Edge health through the path a viewer takes: the edge's own `/healthz`
 * (HttpHealthChecker) and, while a stream is live at the origin, its master
 * playlist through the edge with a validly signed URL (@limelight/edge-token),
 * then the first variant's media playlist, whose `#EXT-X-MEDIA-SEQUENCE` must
 * be within `maxLag` of the origin's own (a fresh playlist, not a stale
 * cache). An edge that answers `/healthz` but serves no playlist (wrong or
 * unreachable origin, broken cache, bad secret) is unhealthy. With no stream
 * live at the origin only `/healthz` can be checked. The probe's own viewer
 * is taken off the edge's reported counts. Never throws.
 */
export class HlsEdgeProber implements HealthChecker {
  private readonly plain: HttpHealthChecker;

  constructor(private readonly options: HlsProbeOptions) {
    this.plain = new HttpHealthChecker(options.timeoutMs);
  }

  async check(baseUrl: string, streamIds: readonly string[] = []): Promise<EdgeHealth> {
    const health = await this.plain.check(baseUrl);
    if (!health.ok) return health;
    for (const streamId of streamIds) {
      const origin = await this.originSequence(streamId);
      if (origin === null) continue; // not being served by the origin (yet): nothing to compare with
      const sequence = await this.edgeSequence(baseUrl, streamId);
      if (sequence === null || sequence < origin.sequence - (this.options.maxLag ?? 3)) return { ok: false, viewers: health.viewers, showViewers: health.showViewers };
      return withoutProbe(health, streamId);
    }
    return health;
  }

  /** The origin's media sequence of the stream's first variant, or null when the origin does not serve it. */
  private async originSequence(streamId: string): Promise<{ sequence: number } | null> {
    const base = `http://${this.options.origin}/hls/`;
    const master = await getText(`${base}${streamId}.m3u8`, this.options.timeoutMs);
    if (!master || master.status !== 200) return null;
    const variant = firstVariant(master.text);
    if (!variant) return null;
    const media = await getText(new URL(variant, `${base}${streamId}.m3u8`).href, this.options.timeoutMs);
    const sequence = media && media.status === 200 ? mediaSequence(media.text) : null;
    return sequence === null ? null : { sequence };
  }

  /** The edge's media sequence of the stream's first variant through a signed URL, or null when it serves no playlist. */
  private async edgeSequence(baseUrl: string, streamId: string): Promise<number | null> {
    const url = signEdgeUrl(baseUrl, { streamId, viewerId: PROBE_VIEWER_ID, expiresAt: Math.floor(Date.now() / 1000) + 60 }, this.options.tokenSecret);
    const master = await getText(url, this.options.timeoutMs);
    if (!master || master.status !== 200) return null;
    const variant = firstVariant(master.text);
    if (!variant) return null;
    const media = await getText(new URL(variant, url).href, this.options.timeoutMs);
    return media && media.status === 200 ? mediaSequence(media.text) : null;
  }
}

/** The edge's viewer report without the probe's own request (counted as one viewer of `streamId`). */
function withoutProbe(health: EdgeHealth, streamId: string): EdgeHealth {
  const showViewers = health.showViewers ? { ...health.showViewers } : null;
  if (showViewers && (showViewers[streamId] ?? 0) > 0) showViewers[streamId] = (showViewers[streamId] as number) - 1;
  return { ...health, viewers: health.viewers === null ? null : Math.max(0, health.viewers - 1), showViewers };
}
