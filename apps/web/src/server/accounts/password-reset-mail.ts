import type { MailMessage } from "../mail/mailer";

/**
 * The password reset mail: greets `name`, gives `link` (the single-use
 * `${APP_URL}/reset-password?token=...`) and says it works once within
 * `validMinutes` minutes.
 */
export function passwordResetMessage(to: string, name: string, link: string, validMinutes: number): MailMessage {
  const text = [
    `Hi ${name},`,
    "",
    "Someone (hopefully you) asked to reset the password of your Limelight account.",
    `Open this link to choose a new password. It works once, within ${validMinutes} minutes:`,
    "",
    link,
    "",
    "If you did not ask for this, ignore this email: your password stays as it is.",
    "",
    "Limelight",
  ].join("\n");
  return { to, subject: "Reset your Limelight password", text };
}
