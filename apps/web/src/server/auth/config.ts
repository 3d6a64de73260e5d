/**
 * Auth.js (next-auth v5) wiring: the Credentials provider (email + bcrypt
 * password, repeated failures throttled per email and per client IP: see
 * throttled-sign-in.ts) and JWT sessions whose token carries the user id
 * (`sub`) and the account role (`role`). Docs: https://authjs.dev/getting-started/authentication/credentials
 * Configuration is lazy so env() is read at request time, not at build time.
 */
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { SignInThrottleLimits } from "@limelight/domain/accounts/sign-in-throttle";
import { env } from "../../env";
import { db } from "../db";
import { clientIpFrom } from "./client-ip";
import { rethrowThrottleForAuthJs } from "./sign-in-errors";
import { signInWithThrottle } from "./throttled-sign-in";

/** Session lifetime in seconds (7 days). */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Sign-in failure limits from the environment (SIGNIN_MAX_FAILURES_PER_EMAIL / _PER_IP within SIGNIN_FAILURE_WINDOW_MS). */
function signInLimits(): SignInThrottleLimits {
  const { SIGNIN_MAX_FAILURES_PER_EMAIL, SIGNIN_MAX_FAILURES_PER_IP, SIGNIN_FAILURE_WINDOW_MS } = env();
  return {
    perEmail: { maxFailures: SIGNIN_MAX_FAILURES_PER_EMAIL, windowMs: SIGNIN_FAILURE_WINDOW_MS },
    perIp: { maxFailures: SIGNIN_MAX_FAILURES_PER_IP, windowMs: SIGNIN_FAILURE_WINDOW_MS },
  };
}

/** Auth.js exports: `handlers` (GET/POST of /api/auth/*), `auth()` (the session `{user: {id, role}}` or null), and server-side `signIn`/`signOut`. */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // A throttled attempt throws SignInRateLimited (a CredentialsSignin with code "rate_limited").
      authorize: async (credentials, request) =>
        rethrowThrottleForAuthJs(() => signInWithThrottle(db(), credentials, { ip: clientIpFrom(request.headers), limits: signInLimits() })),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = (user as { role?: unknown }).role;
      }
      return token;
    },
    session({ session, token }) {
      Object.assign(session.user, { id: token.sub, role: token.role });
      return session;
    },
  },
}));
