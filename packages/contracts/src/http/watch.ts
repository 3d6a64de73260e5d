/**
 * POST /api/watch/[eventId]: where a ticket holder watches (apps/web
 * src/server/routing/route-viewer.ts). Parsed by the route (request) and by
 * the watch page (reply, in one place: apps/web src/components/media/watch-route.ts).
 */
import { z } from "zod";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Path parameter: the event id (a cuid). */
export const watchParamsSchema = z.object({ eventId: cuidSchema });

/** Request body: the viewer's current path when renewing or reconnecting (absent on the first ask). An empty body reads as `{}`. */
export const watchRequestSchema = z.object({ mode: z.enum(["webrtc", "hls"]).optional() }).strict();
/** Body of POST /api/watch/[eventId]. */
export type WatchRequest = z.infer<typeof watchRequestSchema>;

/** Unix time in ms. */
const epochMs = z.number().int().nonnegative();

/** `mode: "webrtc"`: a media access token (JWT) for the media service at `mediaUrl`, valid until `expiresAt` (ms). */
export const webrtcWatchRouteSchema = z.object({
  mode: z.literal("webrtc"),
  mediaUrl: z.string().min(1),
  token: z.string().min(1),
  expiresAt: epochMs,
});

/**
 * `mode: "hls"`: a signed master playlist URL on the chosen edge (`edgeId`), signed URLs on alternative
 * edges for failover, all valid until `expiresAt` (ms). A replay (after the show, within its window) adds
 * `replay.availableUntil` (ms).
 */
export const hlsWatchRouteSchema = z.object({
  mode: z.literal("hls"),
  url: z.string().min(1),
  expiresAt: epochMs,
  edges: z.array(z.string().min(1)),
  edgeId: z.string().min(1),
  replay: z.object({ availableUntil: epochMs }).optional(),
});
/** The HLS reply of the routing endpoint. */
export type HlsWatchRoute = z.infer<typeof hlsWatchRouteSchema>;

/** Reply of POST /api/watch/[eventId] (200). */
export const watchRouteSchema = z.discriminatedUnion("mode", [webrtcWatchRouteSchema, hlsWatchRouteSchema]);
/** Reply of POST /api/watch/[eventId]; `expiresAt` and `availableUntil` are Unix time in ms. */
export type WatchRouteReply = z.infer<typeof watchRouteSchema>;
