import type { MailLog, MailMessage, Mailer } from "./mailer";

/**
 * Sends `message` when a mailer is configured, and never throws: a failure is
 * logged ("mail could not be sent" with `context`, the recipient, the
 * subject and the error) and reported as `false`. For mail that must not
 * undo or fail what caused it (a sale, a sign-up). Returns true when sent,
 * false when it failed or `mailer` is undefined.
 */
export async function sendSafely(
  mailer: Mailer | undefined,
  message: MailMessage,
  log: MailLog | undefined,
  context: Record<string, unknown> = {},
): Promise<boolean> {
  if (!mailer) return false;
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    log?.("mail could not be sent", { ...context, to: message.to, subject: message.subject, err: error });
    return false;
  }
}
