import { z } from "zod";
import { parseInput } from "@limelight/domain";
import { passwordResetLinkError, passwordResetLinkProblem } from "@limelight/domain/accounts/password-reset";
import { hashPassword } from "../auth/password";
import { resetNow, type PasswordResetDeps } from "./password-reset-deps";
import { hashResetToken } from "./reset-token";
import { signUpSchema } from "./sign-up";

/** Reset form: the token from the link and the new password (the sign-up rule: 8..200 characters). */
export const resetPasswordSchema = z.object({
  token: z.string({ error: "The reset link is incomplete" }).min(1, "The reset link is incomplete").max(200),
  password: signUpSchema.shape.password,
});

/**
 * Sets a new password with a reset link: stores the bcrypt hash, marks the
 * token used, closes every other open reset token of the user and deletes
 * the email's sign-in failure rows (a locked-out user can sign in at once).
 * Returns the account's email. One token changes the password once, also
 * when submitted twice at the same time (conditional update on `usedAt: null`).
 * Throws VALIDATION_FAILED (password too short/long, no token) and
 * TOKEN_EXPIRED (410) "This password reset link is not valid / has expired /
 * has already been used. Request a new one." with `details.reason`.
 */
export async function resetPassword(deps: Pick<PasswordResetDeps, "db" | "now">, input: unknown): Promise<{ email: string }> {
  const data = parseInput(resetPasswordSchema, input);
  const { db } = deps;
  const tokenHash = hashResetToken(data.token);
  const now = resetNow(deps);
  const problemAt = async (): Promise<ReturnType<typeof passwordResetLinkProblem>> => {
    const row = await db.passwordResetToken.findUnique({ where: { tokenHash }, select: { expiresAt: true, usedAt: true } });
    return passwordResetLinkProblem(row && { expiresAt: row.expiresAt.getTime(), usedAt: row.usedAt?.getTime() ?? null }, now.getTime());
  };
  const before = await problemAt();
  if (before) throw passwordResetLinkError(before);
  const passwordHash = await hashPassword(data.password);
  const email = await db.$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) return null;
    const token = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    const user = await tx.user.update({ where: { id: token.userId }, data: { passwordHash }, select: { email: true } });
    await tx.passwordResetToken.updateMany({ where: { userId: token.userId, usedAt: null }, data: { usedAt: now } });
    await tx.signInFailure.deleteMany({ where: { email: user.email } });
    return user.email;
  });
  if (email === null) throw passwordResetLinkError((await problemAt()) ?? "used");
  return { email };
}
