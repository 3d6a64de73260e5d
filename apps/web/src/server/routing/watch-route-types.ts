/**
 * Shapes shared by the live route (route-viewer.ts) and the replay route
 * (route-replay.ts) of POST /api/watch/[eventId], in their own file so the
 * two use cases do not import each other.
 */
import type { WatchRouteReply } from "@limelight/contracts";
import type { AccessTokenConfig } from "../access/issue-access-token";

/** Routing settings. */
export interface RouteViewerConfig {
  /** WebRTC viewers per show before new viewers overflow to HLS edges. */
  threshold: number;
  /** Shared secret of the edges' secure_link (signed edge URLs). */
  edgeTokenSecret: string;
  /** Lifetime of a signed edge URL in seconds. */
  edgeTokenTtlSeconds: number;
  accessToken: AccessTokenConfig;
  /** Clock in ms since the epoch (tests); default Date.now. */
  now?: () => number;
}

/** Reply of POST /api/watch/[eventId] (watchRouteSchema of @limelight/contracts); `expiresAt` and `availableUntil` are Unix time in ms. */
export type WatchRoute = WatchRouteReply;
