/**
 * The watch page's one reading of the routing endpoint
 * `POST /api/watch/[eventId]` (contract: watchRequestSchema and
 * watchRouteSchema of @limelight/contracts). It answers
 * `{mode:"webrtc", mediaUrl, token, expiresAt}` while the show has WebRTC
 * room, or `{mode:"hls", url, expiresAt, edges, edgeId, replay?}` (a signed
 * edge playlist URL) otherwise. Every caller (first route, HLS renewal) goes
 * through `requestWatchRoute`, which parses the reply with the contract.
 * When the routing endpoint is absent (404 with no JSON error body), the page
 * falls back to WebRTC with a plain access token.
 */
import { watchRouteSchema, type HlsWatchRoute, type WatchRequest, type WatchRouteReply } from "@limelight/contracts";
import type { HlsSource } from "@/components/hls/signed-source";
import { fetchMediaGrant, GrantError, readErrorBody, type MediaGrant } from "./access-grant";

/** Where this viewer watches: WebRTC with a media grant, or HLS with the routing reply (signed playlist URL, failover edges, replay window). */
export type WatchRoute = { mode: "webrtc"; grant: MediaGrant } | HlsWatchRoute;

/** The routing endpoint of `eventId`. */
function routingUrl(eventId: string): string {
  return `/api/watch/${encodeURIComponent(eventId)}`;
}

/**
 * POSTs `body` to the routing endpoint of `eventId` and parses the reply
 * with watchRouteSchema. Resolves to the reply, or to the failed Response
 * (status not 2xx) for the caller to read. Throws GrantError INTERNAL when a
 * 2xx reply does not match the contract.
 */
export async function requestWatchRoute(eventId: string, body: WatchRequest = {}): Promise<WatchRouteReply | Response> {
  const response = await fetch(routingUrl(eventId), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) return response;
  const parsed = watchRouteSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new GrantError("INTERNAL", response.status, "The watch routing response was malformed");
  return parsed.data;
}

/**
 * Resolves the viewer's route for `eventId`. Throws GrantError with the
 * server's code (FORBIDDEN without a ticket, EVENT_NOT_LIVE, ...).
 */
export async function fetchWatchRoute(eventId: string): Promise<WatchRoute> {
  const reply = await requestWatchRoute(eventId);
  if (reply instanceof Response) {
    const error = await readErrorBody(reply);
    // A 404 with our JSON error body is a real answer (e.g. unknown event); without one the route does not exist.
    if ((reply.status === 404 || reply.status === 405) && error.code === "INTERNAL") return { mode: "webrtc", grant: await fetchMediaGrant(eventId) };
    throw error;
  }
  if (reply.mode === "webrtc") return { mode: "webrtc", grant: { token: reply.token, mediaUrl: reply.mediaUrl } };
  return reply;
}

/**
 * A fresh signed HLS source for `eventId`, keeping the HLS path
 * (`{"mode":"hls"}`): the HLS player's renewal before expiry or after every
 * edge failed. Throws GrantError on an HTTP error or a reply that is not HLS.
 */
export async function renewHlsSource(eventId: string): Promise<HlsSource> {
  const reply = await requestWatchRoute(eventId, { mode: "hls" });
  if (reply instanceof Response) throw await readErrorBody(reply);
  if (reply.mode !== "hls") throw new GrantError("INTERNAL", 200, "The renewal answer is not an HLS route");
  return { url: reply.url, expiresAt: reply.expiresAt, edges: reply.edges };
}
