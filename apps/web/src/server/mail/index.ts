/**
 * Mail: the `Mailer` interface, its implementations and the process-wide
 * mailer chosen by env (see README.md in this folder).
 */
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "../../env";
import { logger } from "../logger";
import type { Mailer } from "./mailer";
import { OutboxMailer } from "./outbox-mailer";
import { SmtpMailer } from "./smtp-mailer";

export type { MailLog, MailMessage, Mailer } from "./mailer";
export { OutboxMailer } from "./outbox-mailer";
export { SmtpMailer } from "./smtp-mailer";
export { sendSafely } from "./send-safely";

/** The settings mailerFromConfig reads (a subset of WebEnv). */
export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://...`; unset → outbox. */
  SMTP_URL?: string | undefined;
  /** From header, e.g. `Limelight <no-reply@shows.example.com>`. */
  MAIL_FROM: string;
  /** Outbox folder (relative paths resolve against the working directory). */
  MAIL_OUTBOX_DIR: string;
}

/**
 * SmtpMailer over a nodemailer SMTP transport when `SMTP_URL` is set
 * (connection/greeting timeouts 10 s, socket timeout 30 s, so a dead server
 * cannot hold a webhook for minutes), else OutboxMailer on MAIL_OUTBOX_DIR.
 * `log` receives "mail to X: subject" lines.
 */
export function mailerFromConfig(config: MailConfig, log: (message: string, fields?: Record<string, unknown>) => void): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport({ url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return new SmtpMailer(transport, config.MAIL_FROM, log);
  }
  return new OutboxMailer(path.resolve(config.MAIL_OUTBOX_DIR), config.MAIL_FROM, log);
}

const holder = globalThis as unknown as { limelightMailer?: Mailer };

/** The process-wide mailer from env (created on first call), logging through the app's pino logger at info. */
export function mailer(): Mailer {
  holder.limelightMailer ??= mailerFromConfig(env(), (message, fields) => logger().info(fields ?? {}, message));
  return holder.limelightMailer;
}
