/**
 * The watch page's first question: WebRTC or HLS? Asks the routing endpoint
 * `POST /api/watch/[eventId]`, which answers `{mode:"webrtc", mediaUrl, token}`
 * while the show has WebRTC room, or `{mode:"hls", url, ...}` (a signed edge
 * playlist URL) otherwise. When the routing endpoint is absent (404 with no
 * JSON error body), the page falls back to WebRTC with a plain access token.
 */
import { z } from "zod";
import { fetchMediaGrant, readErrorBody, type MediaGrant } from "./access-grant";

const webrtcSchema = z.object({ mode: z.literal("webrtc"), mediaUrl: z.string().min(1), token: z.string().min(1) });
const hlsSchema = z.looseObject({ mode: z.literal("hls"), url: z.string().min(1) });
const routeSchema = z.discriminatedUnion("mode", [webrtcSchema, hlsSchema]);

/** Where this viewer watches: WebRTC with a media grant, or HLS with the routing response (signed playlist URL and more). */
export type WatchRoute = { mode: "webrtc"; grant: MediaGrant } | { mode: "hls"; url: string; raw: Record<string, unknown> };

/**
 * Resolves the viewer's route for `eventId`. Throws GrantError with the
 * server's code (FORBIDDEN without a ticket, EVENT_NOT_LIVE, ...).
 */
export async function fetchWatchRoute(eventId: string): Promise<WatchRoute> {
  const response = await fetch(`/api/watch/${encodeURIComponent(eventId)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    credentials: "same-origin",
    cache: "no-store",
  });
  if (response.status === 404 || response.status === 405) {
    const error = await readErrorBody(response);
    // A 404 with our JSON error body is a real answer (e.g. unknown event); without one the route does not exist.
    if (error.code !== "INTERNAL") throw error;
    return { mode: "webrtc", grant: await fetchMediaGrant(eventId) };
  }
  if (!response.ok) throw await readErrorBody(response);
  const parsed = routeSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error("The watch routing response was malformed");
  const route = parsed.data;
  if (route.mode === "webrtc") return { mode: "webrtc", grant: { token: route.token, mediaUrl: route.mediaUrl } };
  return { mode: "hls", url: route.url, raw: route };
}
