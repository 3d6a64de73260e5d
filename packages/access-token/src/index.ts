/**
 * Viewer access tokens: short-lived JWTs (RFC 7519) signed with HMAC-SHA256
 * (JWS "HS256", RFC 7515/7518) by the web app and verified by the media
 * service without calling back.
 *
 * Format: `<base64url header>.<base64url claims>.<base64url signature>` with
 * header `{"alg":"HS256","typ":"JWT"}` and claims:
 *   - `sub`: user id
 *   - `eid`: event id
 *   - `tid`: ticket id (null for hosts and admins)
 *   - `role`: "viewer" | "host" | "admin" (the role in this show)
 *   - `did`: device session id, unique per issued token; the media service
 *            admits one active device per ticket: a newer `did` for the same
 *            `tid` takes over and the older socket is told (SESSION_TAKEN_OVER)
 *   - `name`: display name for chat
 *   - `iat`, `exp`: seconds since the Unix epoch; `iss` = "limelight-web",
 *     `aud` = "limelight-media"
 * HLS edges use their own path-scoped URL tokens (see infra/nginx).
 */
import { SignJWT } from "jose";
import { z } from "zod";
import { verifyHs256 } from "./verify-hs256";

/** The role a token grants in one show. */
export const SHOW_ROLES = ["viewer", "host", "admin"] as const;
/** One of SHOW_ROLES. */
export type ShowRole = (typeof SHOW_ROLES)[number];

/** Verified claims of an access token (times in seconds since the epoch). */
export interface AccessClaims {
  userId: string;
  eventId: string;
  ticketId: string | null;
  role: ShowRole;
  deviceId: string;
  name: string;
  issuedAt: number;
  expiresAt: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  eid: z.string().min(1),
  tid: z.string().min(1).nullable(),
  role: z.enum(SHOW_ROLES),
  did: z.string().min(1),
  name: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
});

const ISSUER = "limelight-web";
const AUDIENCE = "limelight-media";

/** Thrown by verifyAccessToken; `reason` is "expired" or "invalid". */
export class AccessTokenError extends Error {
  constructor(
    readonly reason: "expired" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "AccessTokenError";
  }
}

function keyFrom(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error("access token secret must be at least 32 characters");
  return new TextEncoder().encode(secret);
}

/**
 * Signs an access token. `ttlSeconds` defaults to 600 (10 min); `now` is ms
 * since the epoch (for tests). Throws when the secret is shorter than 32 chars.
 */
export async function signAccessToken(
  input: Omit<AccessClaims, "issuedAt" | "expiresAt">,
  secret: string,
  options: { ttlSeconds?: number; now?: number } = {},
): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({ eid: input.eventId, tid: input.ticketId, role: input.role, did: input.deviceId, name: input.name })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(input.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSeconds ?? 600))
    .sign(keyFrom(secret));
}

/** Registered claims checked on verification (RFC 7519 section 4.1), as jose's jwtVerify checks them. */
const registeredSchema = z.object({
  iss: z.literal(ISSUER),
  aud: z.union([z.literal(AUDIENCE), z.array(z.string()).refine((a) => a.includes(AUDIENCE))]),
  exp: z.number(),
  nbf: z.number().optional(),
});

/**
 * Verifies signature (HS256 with node:crypto: ./verify-hs256.ts), issuer,
 * audience, not-before and expiry, and returns the claims. `options.now` is
 * ms since the epoch (for tests). Throws AccessTokenError("expired") at or
 * past `exp`, AccessTokenError("invalid") for anything else (bad signature,
 * another algorithm, malformed, wrong or missing claims, `nbf` in the
 * future).
 */
export async function verifyAccessToken(token: string, secret: string, options: { now?: number } = {}): Promise<AccessClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = verifyHs256(token, keyFrom(secret));
  } catch {
    throw new AccessTokenError("invalid", "access token invalid");
  }
  const registered = registeredSchema.safeParse(payload);
  const claims = claimsSchema.safeParse(payload);
  if (!registered.success || !claims.success) throw new AccessTokenError("invalid", "access token invalid");
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const { exp, nbf } = registered.data;
  // jose's rules with no clock tolerance: valid while now < exp, not before nbf (iat is not compared with the
  // clock: the web app's host may run a second ahead of this one).
  if (nbf !== undefined && nbf > now) throw new AccessTokenError("invalid", "access token invalid");
  if (exp <= now) throw new AccessTokenError("expired", "access token expired");
  const c = claims.data;
  return { userId: c.sub, eventId: c.eid, ticketId: c.tid, role: c.role, deviceId: c.did, name: c.name, issuedAt: c.iat, expiresAt: c.exp };
}
