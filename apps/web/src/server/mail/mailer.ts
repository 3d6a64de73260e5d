/**
 * The one interface through which Limelight sends mail. Use cases take a
 * `Mailer` in their deps; the app wires `SmtpMailer` (SMTP_URL set) or
 * `OutboxMailer` (embedded default: files in MAIL_OUTBOX_DIR).
 */

/** One message: `to` is a single address ("ada@example.com"), `text` the plain-text body, `html` an optional HTML alternative. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Sends mail. `send` resolves once the message is handed over (accepted by
 * the SMTP server, or written to the outbox) and rejects when it could not
 * be; callers that must not fail because of mail use `sendSafely`.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Structured log sink of the mailers: `message` plus fields (never message bodies or tokens). */
export type MailLog = (message: string, fields?: Record<string, unknown>) => void;
