/**
 * Signed HLS sources and the prefix rewrite that keeps playback going across
 * token renewals and edge failovers.
 *
 * Every URL the player loads (master playlist, rendition playlists, segments)
 * lives under one signed prefix `<edge>/t/<token>/<expires>/<viewerId>/<streamId>/`
 * (see @limelight/edge-token). Swapping that prefix in each request URL moves
 * the player to a fresh token or another edge without reloading the stream.
 */

/** One signed source as the routing endpoint returns it (mode "hls"). */
export interface HlsSource {
  /** Signed master playlist URL on the chosen edge. */
  url: string;
  /** When the signature expires, Unix time in ms. */
  expiresAt: number;
  /** Signed master playlist URLs of the same show on other edges, best first (failover). */
  edges: string[];
}

const PREFIX_RE = /^https?:\/\/[^/]+\/t\/[A-Za-z0-9_-]+\/[0-9]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9]+\//;

/** The signed prefix of a URL (through the stream id and its slash), or null when it is not a signed edge URL. */
export function signedPrefixOf(url: string): string | null {
  return PREFIX_RE.exec(url)?.[0] ?? null;
}

/** `url` with its signed prefix replaced by `prefix`; URLs without a signed prefix come back unchanged. */
export function withSignedPrefix(url: string, prefix: string): string {
  return PREFIX_RE.test(url) ? prefix + url.replace(PREFIX_RE, "") : url;
}
