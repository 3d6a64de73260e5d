import { randomBytes } from "node:crypto";
import { z } from "zod";
import { type Db } from "@limelight/db";
import { parseInput } from "@limelight/domain";
import { PASSWORD_RESET_TOKEN_TTL_MS } from "@limelight/domain/accounts/password-reset";
import { hashPassword } from "../auth/password";
import { hashResetToken, newResetToken } from "./reset-token";

/** Input of the first-admin command: the account's email and, for a new account, its display name. */
export const createAdminSchema = z.object({
  email: z.email("Give a valid --email").max(254).transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1).max(100).optional(),
});

/** What the operator is shown: whether the account is new and a one-time sign-in link. */
export interface CreatedAdmin {
  userId: string;
  email: string;
  created: boolean;
  /** `${appUrl}/reset-password?token=...`: sets the admin's password, works once, for PASSWORD_RESET_TOKEN_TTL_MS (1 h). */
  link: string;
  expiresAt: Date;
}

/**
 * Creates the admin account `input.email` (with an unusable random password)
 * or promotes the existing account with that email to admin, then stores a
 * single-use password-reset token (only its SHA-256 hash) and returns the link
 * that sets the password. Used by `npm run admin:create` (apps/web/scripts).
 * Throws VALIDATION_FAILED (AppError) on a malformed email or name.
 */
export async function createOrPromoteAdmin(deps: { db: Db; appUrl: string; now?: () => Date }, input: unknown): Promise<CreatedAdmin> {
  const data = parseInput(createAdminSchema, input);
  const now = deps.now?.() ?? new Date();
  const existing = await deps.db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  const user = existing
    ? await deps.db.user.update({ where: { id: existing.id }, data: { role: "admin" }, select: { id: true } })
    : await deps.db.user.create({
        data: { email: data.email, name: data.name ?? data.email.split("@")[0]!, role: "admin", passwordHash: await hashPassword(randomBytes(32).toString("base64url")) },
        select: { id: true },
      });
  const token = newResetToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TOKEN_TTL_MS);
  await deps.db.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashResetToken(token), expiresAt, createdAt: now } });
  return { userId: user.id, email: data.email, created: !existing, link: `${deps.appUrl.replace(/\/+$/, "")}/reset-password?token=${token}`, expiresAt };
}
