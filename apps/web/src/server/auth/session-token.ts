/**
 * Reads the Auth.js session straight from its cookie, with Auth.js's own JWT
 * decoder (`getToken` from next-auth/jwt), for pages, server actions and route
 * handlers. `auth()` without arguments does the same decode but first builds
 * a Request for `/api/auth/session`, runs the whole Auth.js handler, encodes
 * a fresh JWT (whose cookie a server component cannot even set) and parses
 * its JSON reply: several times the cost on every request (the on-sale rush
 * measured it, see bench/on-sale-http). Sessions stay exactly as Auth.js
 * issues and checks them: encrypted JWTs (JWE, A256CBC-HS512, key derived with
 * HKDF from AUTH_SECRET and the cookie name), expiry enforced by the decoder,
 * chunked cookies joined. Sign-in, sign-out and the session's rolling renewal
 * stay with Auth.js's route handler (/api/auth/*).
 * Auth.js's own `decode` derives the content encryption key with HKDF and
 * hashes its JWK thumbprint on every call (two more thread-pool jobs per
 * request); `decodeSessionToken` below is the same decode with jose (the
 * library Auth.js uses) and that derived key computed once per process.
 * Source: https://authjs.dev/reference/core/jwt#gettoken ,
 * @auth/core jwt.js (decode, getDerivedEncryptionKey), RFC 5869 (HKDF),
 * RFC 7516 (JWE), RFC 7638 (JWK thumbprint).
 */
import { hkdfSync } from "node:crypto";
import { base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";
import { getToken, type JWTDecodeParams } from "next-auth/jwt";
import { decryptDirA256CbcHs512, jweHeader } from "./jwe-dir-cbc";

/** The session's user as the JWT carries it: `sub` (user id) and `role`, both unchecked (callers parse them). */
export interface SessionClaims {
  sub?: unknown;
  role?: unknown;
}

/**
 * Whether Auth.js names its session cookie `__Secure-authjs.session-token`:
 * Auth.js's `auth()` derives the session URL from `x-forwarded-proto`
 * (Next.js sets it on every request from the connection when a proxy did
 * not), defaulting to https; the cookie is secure when that URL is https.
 * Source: @auth/core lib/utils/env.js createActionURL, lib/init.js (useSecureCookies).
 */
export function usesSecureSessionCookie(headers: Headers): boolean {
  const proto = headers.get("x-forwarded-proto") ?? "https";
  return proto.replace(/:$/, "").split(",")[0]?.trim() === "https";
}

/**
 * The claims of the request's Auth.js session cookie, or null when there is
 * none or it does not decrypt, is tampered with or has expired. Only the
 * Cookie header is read (never an Authorization header), as `auth()` does.
 * `secret` is AUTH_SECRET. Never throws for a bad cookie.
 */
export async function sessionClaims(headers: Headers, secret: string): Promise<SessionClaims | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const token = await getToken({ req: { headers: { cookie } }, secret, secureCookie: usesSecureSessionCookie(headers), decode: decodeSessionToken });
  return token ?? null;
}

/** A content encryption key derived from AUTH_SECRET for one cookie name, and its JWK thumbprint (the JWE `kid` Auth.js writes). */
interface DerivedKey {
  key: Uint8Array;
  kid: string;
}

/** Derived keys by secret, salt (cookie name) and content encryption; a handful at most (2 cookie names × 2 encryptions), bounded anyway. */
const derivedKeys = new Map<string, Promise<DerivedKey>>();
const MAX_DERIVED_KEYS = 16;

/**
 * Auth.js's key for `enc`: HKDF-SHA256 of the secret, salt = cookie name,
 * info "Auth.js Generated Encryption Key (<salt>)", 64 bytes for
 * A256CBC-HS512 and 32 for A256GCM; kid = its JWK thumbprint (SHA-512 / SHA-256).
 * Throws for any other `enc`.
 */
function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
  if (length === 0) throw new Error("Unsupported JWT Content Encryption Algorithm");
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  let found = derivedKeys.get(id);
  if (!found) {
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
    found = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, length === 64 ? "sha512" : "sha256").then((kid) => ({ key, kid }));
    if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.clear();
    derivedKeys.set(id, found);
  }
  return found;
}

/** Clock tolerance of Auth.js's decoder on `exp` and `nbf`, seconds. */
const CLOCK_TOLERANCE_S = 15;

/**
 * The JWT claims of a decrypted session, checked as jose's jwtDecrypt checks
 * them (a JSON object; `iat`, `nbf` and `exp` numbers when present; not
 * before `nbf`, not at or after `exp`, with the clock tolerance). Throws
 * Error otherwise. Source: RFC 7519 section 4.1.4 (exp) and 4.1.5 (nbf).
 */
function checkedClaims(plaintext: Buffer, nowS = Math.floor(Date.now() / 1000)): JWTPayload {
  const payload: unknown = JSON.parse(plaintext.toString("utf8"));
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw new Error("JWT claims are not an object");
  const claims = payload as JWTPayload;
  for (const name of ["iat", "nbf", "exp"] as const) {
    if (claims[name] !== undefined && typeof claims[name] !== "number") throw new Error(`JWT "${name}" is not a number`);
  }
  if (claims.nbf !== undefined && claims.nbf > nowS + CLOCK_TOLERANCE_S) throw new Error("JWT not active yet");
  if (claims.exp !== undefined && claims.exp <= nowS - CLOCK_TOLERANCE_S) throw new Error("JWT expired");
  return claims;
}

/**
 * Decodes an Auth.js session JWT exactly as Auth.js's `decode` does (JWE
 * "dir" with A256CBC-HS512, or A256GCM; `kid` must match the derived key's
 * thumbprint when present; 15 s clock tolerance on `exp`/`nbf`), with the
 * derived key cached. A256CBC-HS512, what Auth.js issues, is decrypted with
 * node:crypto (jwe-dir-cbc.ts); anything else goes through jose. Returns the
 * payload; throws on a bad, tampered or expired token (getToken turns that
 * into null).
 */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWTPayload | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  if (typeof secret !== "string") throw new Error("one AUTH_SECRET expected");
  const header = jweHeader(token);
  if (header.enc === "A256CBC-HS512") {
    const derived = await derivedKey("A256CBC-HS512", secret, salt);
    if (header.kid !== undefined && header.kid !== derived.kid) throw new Error("no matching decryption secret");
    return checkedClaims(decryptDirA256CbcHs512(token, derived.key));
  }
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      const derived = await derivedKey(enc, secret, salt);
      if (kid === undefined || kid === derived.kid) return derived.key;
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: CLOCK_TOLERANCE_S, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"] },
  );
  return payload;
}
