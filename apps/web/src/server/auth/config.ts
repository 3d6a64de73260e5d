/**
 * Auth.js (next-auth v5) wiring: the Credentials provider (email + bcrypt
 * password) and JWT sessions whose token carries the user id (`sub`) and the
 * account role (`role`). Docs: https://authjs.dev/getting-started/authentication/credentials
 * Configuration is lazy so env() is read at request time, not at build time.
 */
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../../env";
import { db } from "../db";
import { authenticate } from "./credentials";

/** Session lifetime in seconds (7 days). */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Auth.js exports: `handlers` (GET/POST of /api/auth/*), `auth()` (the session `{user: {id, role}}` or null), and server-side `signIn`/`signOut`. */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => authenticate(db(), credentials),
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
