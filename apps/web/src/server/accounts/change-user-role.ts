import { z } from "zod";
import type { Db } from "@limelight/db";
import { AppError, parseInput, requireRole, ROLES, type Actor, type Role } from "@limelight/domain";
import { writeAudit } from "../audit";

const schema = z.object({
  userId: z.string().min(1, "Account is required"),
  role: z.enum(ROLES, { error: "Role must be viewer, performer or admin" }),
});

/**
 * Admin: sets an account's role ("viewer" | "performer" | "admin") and writes
 * a "user.role" audit row with from/to. An admin cannot change their own role
 * (so the last admin cannot lock everyone out). Performers who host events
 * keep their host rows. Returns the new role.
 * Throws AppError UNAUTHENTICATED / FORBIDDEN (admins only), VALIDATION_FAILED,
 * NOT_FOUND, CONFLICT (own role).
 */
export async function changeUserRole(db: Db, actor: Actor | null, input: unknown): Promise<Role> {
  const admin = requireRole(actor, ["admin"]);
  const { userId, role } = parseInput(schema, input);
  if (userId === admin.userId) throw new AppError("CONFLICT", "You cannot change your own role");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("NOT_FOUND", "No such account");
    if (user.role === role) return role;
    await tx.user.update({ where: { id: userId }, data: { role } });
    await writeAudit(tx, admin, "user.role", { type: "user", id: userId }, { email: user.email, from: user.role, to: role });
    return role;
  });
}

/** One account on the admin users page. */
export interface UserRow {
  userId: string;
  name: string;
  email: string;
  role: string;
  createdAt: Date;
}

/**
 * Admin: accounts, newest first, optionally filtered by a substring of the
 * email (stored lower case) or name; at most 200.
 * Throws AppError UNAUTHENTICATED / FORBIDDEN (admins only).
 */
export async function listUsers(db: Db, actor: Actor | null, query = ""): Promise<UserRow[]> {
  requireRole(actor, ["admin"]);
  const q = query.trim().toLowerCase();
  const users = await db.user.findMany({
    where: q ? { OR: [{ email: { contains: q } }, { name: { contains: q } }] } : {},
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return users.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: u.role, createdAt: new Date(u.createdAt) }));
}
