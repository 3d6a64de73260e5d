import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MailLog, MailMessage, Mailer } from "./mailer";

/**
 * The embedded default mailer (no SMTP server configured): writes each
 * message as an `.eml`-like text file (From/To/Subject/Date headers, a blank
 * line, the plain-text body) into `dir`, plus `<same name>.html` when the
 * message has an HTML part, and logs "mail to X: subject" with the file path.
 *
 * The files hold the whole message, including any link in it (a password
 * reset link is a credential for one hour): that is their purpose, so a
 * developer can open the link without a mail server. Keep the folder private;
 * the log line never contains the body.
 *
 * File names sort by time: `<ISO time with ':' → '-'>-<random hex>.eml`.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly log: MailLog = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the message file (creating `dir` if needed). Throws the fs error when the folder is not writable. */
  async send(message: MailMessage): Promise<void> {
    const date = this.now();
    const base = `${date.toISOString().replace(/:/g, "-")}-${randomBytes(4).toString("hex")}`;
    const file = path.join(this.dir, `${base}.eml`);
    const headers = [
      `From: ${oneLine(this.from)}`,
      `To: ${oneLine(message.to)}`,
      `Subject: ${oneLine(message.subject)}`,
      `Date: ${date.toUTCString()}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
    ];
    // Only the outbox itself is private: a recursive mkdir with a mode would make missing parents (.data) private too.
    await mkdir(path.dirname(this.dir), { recursive: true });
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${headers.join("\r\n")}\r\n\r\n${message.text}`, { mode: 0o600 });
    if (message.html !== undefined) await writeFile(path.join(this.dir, `${base}.html`), message.html, { mode: 0o600 });
    this.log(`mail to ${message.to}: ${message.subject}`, { to: message.to, subject: message.subject, via: "outbox", file });
  }
}

/** A header value on one line (no header injection through CR/LF). */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}
