import type { Db } from "@limelight/db";
import { passwordResetLinkProblem, type PasswordResetLinkProblem } from "@limelight/domain/accounts/password-reset";
import { hashResetToken } from "./reset-token";

/**
 * Whether the reset link with `token` can be used at `now` (shown before the
 * user types a new password): null when usable, else "unknown" (no such
 * token, or none given), "expired" or "used". Database errors propagate.
 */
export async function checkPasswordResetLink(db: Db, token: string | undefined, now: Date = new Date()): Promise<PasswordResetLinkProblem | null> {
  if (!token) return "unknown";
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashResetToken(token) }, select: { expiresAt: true, usedAt: true } });
  return passwordResetLinkProblem(row && { expiresAt: row.expiresAt.getTime(), usedAt: row.usedAt?.getTime() ?? null }, now.getTime());
}
