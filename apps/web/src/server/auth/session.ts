/**
 * The signed-in actor for pages, server actions and route handlers.
 *
 * - `currentActor()` → `{userId, role}` or null (decodes the Auth.js JWT session cookie: session-token.ts).
 * - `requireActor(roles)` → the actor, or throws AppError UNAUTHENTICATED (401) /
 *   FORBIDDEN (403): use in route handlers (with `handle`) and server actions.
 * - `requirePageActor(roles, path)` → the actor for a page; redirects to
 *   `/signin?next=<path>` when signed out and renders the 403 page
 *   (app/forbidden.tsx, HTTP 403) when the role is not allowed.
 * - `forbidPage()` renders the 403 page (for checks beyond roles).
 * - `requireStudioPageAccess(eventId)` → `{actor, event}` for `/studio/[eventId]`
 *   (hosts and admins; rule `canOpenStudio` in @limelight/domain/access).
 */
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { isAppError, requireRole, roleSchema, type Actor, type Role } from "@limelight/domain";
import { env } from "../../env";
import { loadStudioEvent, type StudioEvent } from "../access/studio-access";
import { db } from "../db";
import { sessionClaims } from "./session-token";

const sessionUserSchema = z.object({ sub: z.string().min(1), role: roleSchema });

/**
 * The signed-in user as `{userId, role}`, or null when signed out, when the
 * session is malformed or when the account no longer exists. The JWT carries
 * the role, but the role is re-read from the User table (once per request), so
 * a demotion by an admin takes effect at once. The session cookie is decoded
 * with Auth.js's own JWT decoder (session-token.ts), not through `auth()`,
 * which runs the whole session endpoint per call.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const claims = await sessionClaims(await headers(), env().AUTH_SECRET);
  const parsed = sessionUserSchema.safeParse(claims);
  if (!parsed.success) return null;
  const user = await db().user.findUnique({ where: { id: parsed.data.sub }, select: { role: true } });
  const role = roleSchema.safeParse(user?.role);
  return role.success ? { userId: parsed.data.sub, role: role.data } : null;
});

/**
 * The signed-in user exactly as the session cookie names them
 * (`{userId, role}` from the JWT), or null: the account is NOT re-read, so
 * the role may be stale. Only for use cases that accept every role and read
 * the account themselves in their own first query (the Buy button:
 * getTicket reads the buyer with the event and answers UNAUTHENTICATED when
 * the account is gone), which saves the on-sale rush a round trip per press.
 * Anything that depends on the role uses currentActor.
 */
export const sessionActor = cache(async (): Promise<Actor | null> => {
  const parsed = sessionUserSchema.safeParse(await sessionClaims(await headers(), env().AUTH_SECRET));
  return parsed.success ? { userId: parsed.data.sub, role: parsed.data.role } : null;
});

/**
 * The signed-in actor when their role is in `roles`. Throws AppError
 * UNAUTHENTICATED when signed out and FORBIDDEN for another role.
 */
export async function requireActor(roles: readonly Role[]): Promise<Actor> {
  return requireRole(await currentActor(), roles);
}

/** Sign-in page URL that returns to `path` afterwards. */
export function signInUrl(path: string): string {
  return `/signin?next=${encodeURIComponent(path)}`;
}

/**
 * For server components: returns the actor when their role is in `roles`;
 * otherwise never returns: redirects to the sign-in page (then back to `path`)
 * when signed out, or renders the 403 page when signed in with another role.
 */
export async function requirePageActor(roles: readonly Role[], path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(signInUrl(path));
  if (!roles.includes(actor.role)) forbidden();
  return actor;
}

/** Renders the 403 page (HTTP 403) from a server component; never returns. */
export function forbidPage(): never {
  forbidden();
}

/**
 * For the studio page `/studio/[eventId]`: returns the actor and the event when
 * the actor may open its studio (hosts and admins: canOpenStudio). Otherwise
 * never returns: 404 page for an unknown event, sign-in redirect when signed
 * out, 403 page for anyone else (e.g. another performer).
 */
export async function requireStudioPageAccess(eventId: string): Promise<{ actor: Actor; event: StudioEvent }> {
  const actor = await currentActor();
  if (!actor) redirect(signInUrl(`/studio/${encodeURIComponent(eventId)}`));
  try {
    return await loadStudioEvent(db(), actor, eventId);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
