import { z } from "zod";
import { parseInput } from "@limelight/domain";
import {
  DEFAULT_PASSWORD_RESET_LIMIT,
  mayRequestPasswordReset,
  PASSWORD_RESET_TOKEN_TTL_MS,
  passwordResetExpiresAt,
} from "@limelight/domain/accounts/password-reset";
import { sendSafely } from "../mail/send-safely";
import { passwordResetMessage } from "./password-reset-mail";
import { resetNow, type PasswordResetDeps } from "./password-reset-deps";
import { hashResetToken, newResetToken } from "./reset-token";

/** Forgot-password form: the account's email (trimmed, case-insensitive). */
export const forgotPasswordSchema = z.object({
  email: z.string({ error: "Email is required" }).trim().toLowerCase().pipe(z.email("Enter a valid email address")),
});

/** The one answer to every well-formed request, whether or not the account exists (no account probing). */
export const PASSWORD_RESET_REQUESTED_MESSAGE = "If an account exists for that email, we sent a link to reset your password.";

/**
 * Starts a password reset for `input.email`. For an existing account within
 * its limit (3 links per hour by default) it stores the SHA-256 hash of a new
 * random token (valid 1 hour) and mails `${appUrl}/reset-password?token=...`.
 * Unknown emails and requests over the limit send nothing. Always resolves to
 * PASSWORD_RESET_REQUESTED_MESSAGE; a failing mailer is logged (and its token
 * dropped, so it does not count against the limit). Throws VALIDATION_FAILED
 * for a malformed email only.
 *
 * The limit holds under concurrency: each request first stores its row, then
 * counts the others of the last window, and removes its own row when over.
 */
export async function requestPasswordReset(deps: PasswordResetDeps, input: unknown): Promise<string> {
  const { email } = parseInput(forgotPasswordSchema, input);
  const user = await deps.db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  if (!user) return PASSWORD_RESET_REQUESTED_MESSAGE;
  const now = resetNow(deps);
  const limit = deps.limit ?? DEFAULT_PASSWORD_RESET_LIMIT;
  const token = newResetToken();
  const row = await deps.db.passwordResetToken.create({
    data: { userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(passwordResetExpiresAt(now.getTime())), createdAt: now },
    select: { id: true },
  });
  const earlier = await deps.db.passwordResetToken.findMany({
    where: { userId: user.id, id: { not: row.id }, createdAt: { gt: new Date(now.getTime() - limit.windowMs) } },
    select: { createdAt: true },
  });
  if (!mayRequestPasswordReset(earlier.map((r) => r.createdAt.getTime()), now.getTime(), limit)) {
    await deps.db.passwordResetToken.deleteMany({ where: { id: row.id } });
    deps.log?.("password reset refused: too many requests", { userId: user.id });
    return PASSWORD_RESET_REQUESTED_MESSAGE;
  }
  const link = `${deps.appUrl.replace(/\/+$/, "")}/reset-password?token=${token}`;
  const message = passwordResetMessage(user.email, user.name, link, Math.round(PASSWORD_RESET_TOKEN_TTL_MS / 60_000));
  const sent = await sendSafely(deps.mailer, message, deps.log, { userId: user.id, mail: "password_reset" });
  if (!sent) await deps.db.passwordResetToken.deleteMany({ where: { id: row.id } });
  return PASSWORD_RESET_REQUESTED_MESSAGE;
}
