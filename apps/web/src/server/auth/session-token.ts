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
 * Source: https://authjs.dev/reference/core/jwt#gettoken
 */
import { getToken } from "next-auth/jwt";

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
  const token = await getToken({ req: { headers: { cookie } }, secret, secureCookie: usesSecureSessionCookie(headers) });
  return token ?? null;
}
