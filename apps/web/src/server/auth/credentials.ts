import { z } from "zod";
import type { Db } from "@limelight/db";
import { roleSchema, type Role } from "@limelight/domain";
import { verifyPassword } from "./password";

/** Sign-in form input: email (case-insensitive) and password. */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(200),
});

/** The user Auth.js puts into the JWT after a successful sign-in. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Checks email + password against the User table (bcrypt hash). Returns the
 * user, or null for unknown email, wrong password or malformed input (the
 * caller shows one generic message so accounts cannot be probed).
 */
export async function authenticate(db: Db, input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user) return null;
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  const role = roleSchema.safeParse(user.role);
  if (!role.success) return null;
  return { id: user.id, email: user.email, name: user.name, role: role.data };
}
