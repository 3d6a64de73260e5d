import type { Transporter } from "nodemailer";
import { AppError } from "@limelight/domain";
import type { MailLog, MailMessage, Mailer } from "./mailer";

/**
 * Sends mail through a nodemailer transport (SMTP in production:
 * `nodemailer.createTransport({ url: SMTP_URL })`; see
 * https://nodemailer.com/smtp/). `from` is the From header, e.g.
 * `Limelight <no-reply@shows.example.com>`. Logs "mail to X: subject" at info
 * after the server accepted the message.
 */
export class SmtpMailer implements Mailer {
  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly log: MailLog = () => {},
  ) {}

  /**
   * Hands the message to the transport. Throws AppError UPSTREAM_FAILED
   * (cause: the transport's error) when the server refuses it or cannot be
   * reached.
   */
  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
      });
    } catch (error) {
      throw new AppError("UPSTREAM_FAILED", "The mail server did not accept the message", { cause: error });
    }
    this.log(`mail to ${message.to}: ${message.subject}`, { to: message.to, subject: message.subject, via: "smtp" });
  }
}
