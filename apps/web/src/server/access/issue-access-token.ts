import { randomUUID } from "node:crypto";
import type { Db } from "@limelight/db";
import type { AccessTokenReply, AccessTokenRequest } from "@limelight/contracts";
import { signAccessToken, type ShowRole } from "@limelight/access-token";
import { AppError, type Actor } from "@limelight/domain";
import { decideShowAccess } from "@limelight/domain/access/show-access";

/** Signing settings: HS256 secret (≥ 32 chars), lifetime in seconds, the media URL handed to the browser. */
export interface AccessTokenConfig {
  secret: string;
  ttlSeconds: number;
  mediaUrl: string;
  /** Clock in ms since the epoch (tests); default Date.now. */
  now?: () => number;
}

/** Reply of POST /api/access-token (accessTokenReplySchema of @limelight/contracts). expiresAt is ms since the epoch. */
export type IssuedAccessToken = AccessTokenReply & { role: ShowRole };

/**
 * Issues a short-lived access token (format in @limelight/access-token) for
 * one show: role "viewer" for a valid ticket holder of a live or about-to-start
 * show, "host" for its hosts, "admin" for admins (rule: decideShowAccess).
 * Every call gets a fresh deviceId, so the newest device takes over the ticket.
 * `input` is the body as parsed by the route (accessTokenRequestSchema of
 * @limelight/contracts). Throws AppError UNAUTHENTICATED, NOT_FOUND,
 * FORBIDDEN, EVENT_NOT_LIVE.
 */
export async function issueAccessToken(db: Db, actor: Actor | null, input: AccessTokenRequest, config: AccessTokenConfig): Promise<IssuedAccessToken> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const { eventId } = input;
  const event = await db.event.findUnique({ where: { id: eventId }, include: { hosts: { select: { userId: true } } } });
  if (!event) throw new AppError("NOT_FOUND", "No such show");
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const tickets = await db.ticket.findMany({ where: { eventId, userId: actor.userId }, select: { id: true, status: true } });
  const now = config.now ? config.now() : Date.now();
  const grant = decideShowAccess(actor, { status: event.status, startsAt: new Date(event.startsAt), hostUserIds: event.hosts.map((h) => h.userId) }, tickets, now);
  const deviceId = randomUUID();
  const token = await signAccessToken(
    { userId: actor.userId, eventId, ticketId: grant.ticketId, role: grant.role, deviceId, name: user.name },
    config.secret,
    { ttlSeconds: config.ttlSeconds, now },
  );
  return {
    token,
    role: grant.role,
    eventId,
    ticketId: grant.ticketId,
    deviceId,
    expiresAt: (Math.floor(now / 1000) + config.ttlSeconds) * 1000,
    mediaUrl: config.mediaUrl,
  };
}
