import { NextResponse } from "next/server";
import { accessTokenRequestSchema, type AccessTokenReply } from "@limelight/contracts";
import { parseInput } from "@limelight/domain";
import { env } from "@/env";
import { issueAccessToken } from "@/server/access/issue-access-token";
import { currentActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { handle } from "@/server/http";
import { readJsonBody } from "@/server/read-body";

/**
 * POST /api/access-token `{eventId}` → 200 `{token, role, eventId, ticketId,
 * deviceId, expiresAt (ms), mediaUrl}` for a ticket holder of a live (or
 * about-to-start) show, a host or an admin (contract: accessTokenRequestSchema
 * and accessTokenReplySchema of @limelight/contracts). 400 bad body
 * (VALIDATION_FAILED with the zod `path`), 401 signed out,
 * 403 no right to watch, 404 unknown event, 409 show not live, 413 body over 64 KiB.
 */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const body = parseInput(accessTokenRequestSchema, await readJsonBody(request, 'Body must be JSON like {"eventId":"..."}'));
    const config = env();
    const issued: AccessTokenReply = await issueAccessToken(db(), await currentActor(), body, {
      secret: config.ACCESS_TOKEN_SECRET,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      mediaUrl: config.MEDIA_PUBLIC_URL,
    });
    return NextResponse.json(issued, { headers: { "cache-control": "no-store" } });
  });
}
