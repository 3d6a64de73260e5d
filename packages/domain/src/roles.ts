import { z } from "zod";
import { AppError } from "./app-error";

/** Account roles. A performer may host events; an admin may do everything. */
export const ROLES = ["viewer", "performer", "admin"] as const;
/** One of ROLES. */
export type Role = (typeof ROLES)[number];
/** zod schema for Role. */
export const roleSchema = z.enum(ROLES);

/** The signed-in user as the domain sees it. */
export interface Actor {
  userId: string;
  role: Role;
}

/**
 * Throws UNAUTHENTICATED when there is no actor, FORBIDDEN when the actor's
 * role is not in `allowed`. Returns the actor for chaining.
 */
export function requireRole(actor: Actor | null | undefined, allowed: readonly Role[]): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (!allowed.includes(actor.role)) throw new AppError("FORBIDDEN", "You are not allowed to do that");
  return actor;
}
