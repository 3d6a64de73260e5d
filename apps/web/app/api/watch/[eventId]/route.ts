import { NextResponse } from "next/server";
import { watchParamsSchema, watchRequestSchema, type WatchRouteReply } from "@limelight/contracts";
import { parseInput } from "@limelight/domain";
import { env } from "@/env";
import { currentActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { handle } from "@/server/http";
import { readJsonBody } from "@/server/read-body";
import { HttpMediaStats } from "@/server/routing/media-stats";
import { routeViewer } from "@/server/routing/route-viewer";

/**
 * POST /api/watch/[eventId] `{mode?: "webrtc"|"hls"}` (the viewer's current
 * path when renewing) → 200 `{mode:"webrtc", mediaUrl, token, expiresAt}` or
 * `{mode:"hls", url, expiresAt, edges, edgeId}` (expiresAt in ms); contract:
 * watchParamsSchema, watchRequestSchema and watchRouteSchema of @limelight/contracts.
 * 400 bad body or id (VALIDATION_FAILED with the zod `path`), 401 signed out, 403 no ticket, 404 unknown show, 409 not live, 413 body over 64 KiB.
 */
export function POST(request: Request, context: { params: Promise<{ eventId: string }> }): Promise<Response> {
  return handle(async () => {
    const { eventId } = parseInput(watchParamsSchema, await context.params);
    const body = parseInput(watchRequestSchema, await readJsonBody(request, 'Body must be JSON like {"mode":"hls"} or empty', {}));
    const config = env();
    const route: WatchRouteReply = await routeViewer({ db: db(), mediaStats: new HttpMediaStats(config.MEDIA_INTERNAL_URL, config.INTERNAL_API_SECRET) }, await currentActor(), eventId, body, {
      threshold: config.WEBRTC_VIEWER_THRESHOLD,
      edgeTokenSecret: config.EDGE_TOKEN_SECRET,
      edgeTokenTtlSeconds: config.EDGE_TOKEN_TTL_SECONDS,
      accessToken: { secret: config.ACCESS_TOKEN_SECRET, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, mediaUrl: config.MEDIA_PUBLIC_URL },
    });
    return NextResponse.json(route, { headers: { "cache-control": "no-store" } });
  });
}
