/**
 * Time-limited TURN credentials ("TURN REST API", draft-uberti-behave-turn-rest-00,
 * https://datatracker.ietf.org/doc/html/draft-uberti-behave-turn-rest-00 §2.2),
 * as coturn checks them with `use-auth-secret` + `static-auth-secret`
 * (https://github.com/coturn/coturn/blob/master/README.turnserver, "--use-auth-secret"):
 *   username   = "<expiry unix seconds>:<user id>"
 *   credential = base64(HMAC-SHA1(static-auth-secret, username))
 * coturn refuses an allocation once the expiry has passed. Plain TypeScript.
 */
import { createHmac } from "node:crypto";
import { type IceServer } from "@limelight/contracts";
import { type AccessClaims } from "@limelight/access-token";

/** Longest lifetime we issue, seconds (1 hour). */
export const MAX_TURN_TTL_SECONDS = 3_600;

/** One TURN credential pair and when it stops working (unix seconds). */
export interface TurnCredential {
  username: string;
  credential: string;
  expiresAtSeconds: number;
}

/**
 * Derives the credential of `userId` valid for `ttlSeconds` (clamped to 1..3600)
 * from `nowMs` (ms since the epoch). `userId` must not contain ":" (Throws Error otherwise).
 */
export function turnCredential(secret: string, userId: string, nowMs: number, ttlSeconds: number): TurnCredential {
  if (userId.includes(":")) throw new Error("a TURN user id cannot contain ':'");
  const ttl = Math.min(MAX_TURN_TTL_SECONDS, Math.max(1, Math.floor(ttlSeconds)));
  const expiresAtSeconds = Math.floor(nowMs / 1000) + ttl;
  const username = `${expiresAtSeconds}:${userId}`;
  const credential = createHmac("sha1", secret).update(username).digest("base64");
  return { username, credential, expiresAtSeconds };
}

/** Who may relay through our TURN server: hosts of the show and ticket holders (never a ticket-less admin or guest). */
export function mayUseTurn(claims: Pick<AccessClaims, "role" | "ticketId">): boolean {
  return claims.role === "host" || (claims.role === "viewer" && claims.ticketId !== null);
}

/** TURN settings of the media service (from env: TURN_URLS, TURN_SECRET, TURN_CREDENTIAL_TTL_SECONDS, STUN_URLS). */
export interface IceSettings {
  stunUrls: readonly string[];
  turnUrls: readonly string[];
  turnSecret: string | undefined;
  turnTtlSeconds: number;
}

/**
 * The ICE servers one socket's user gets at session:hello: the STUN servers for
 * everyone, plus TURN with a fresh time-limited credential when `mayUseTurn`
 * and a TURN secret is configured.
 */
export function iceServersFor(settings: IceSettings, claims: Pick<AccessClaims, "role" | "ticketId" | "userId">, nowMs: number): IceServer[] {
  const servers: IceServer[] = [];
  if (settings.stunUrls.length) servers.push({ urls: [...settings.stunUrls] });
  if (settings.turnUrls.length && settings.turnSecret && mayUseTurn(claims)) {
    const { username, credential } = turnCredential(settings.turnSecret, claims.userId, nowMs, settings.turnTtlSeconds);
    servers.push({ urls: [...settings.turnUrls], username, credential });
  }
  return servers;
}
