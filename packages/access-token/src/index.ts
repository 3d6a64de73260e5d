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
import { SignJWT, jwtVerify, errors } from "jose";
import { z } from "zod";

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

/** HMAC verification keys by secret, imported once (a process has one or two secrets; bounded anyway). */
const verifyKeys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 8;

/** The secret as a WebCrypto HMAC SHA-256 key for verify, imported once per secret (jose re-imports raw bytes on every call). */
function verifyKeyFrom(secret: string): Promise<CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", keyFrom(secret) as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    if (verifyKeys.size >= MAX_CACHED_KEYS) verifyKeys.clear();
    verifyKeys.set(secret, key);
  }
  return key;
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

/**
 * Verifies signature, issuer, audience and expiry and returns the claims.
 * Throws AccessTokenError("expired") past `exp`, AccessTokenError("invalid")
 * for anything else (bad signature, malformed, wrong claims).
 */
export async function verifyAccessToken(token: string, secret: string, options: { now?: number } = {}): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, await verifyKeyFrom(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      currentDate: options.now === undefined ? undefined : new Date(options.now),
    });
    const c = claimsSchema.parse(payload);
    return { userId: c.sub, eventId: c.eid, ticketId: c.tid, role: c.role, deviceId: c.did, name: c.name, issuedAt: c.iat, expiresAt: c.exp };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AccessTokenError("expired", "access token expired");
    throw new AccessTokenError("invalid", "access token invalid");
  }
}
