/**
 * Test tooling: a local SMTP server (the `smtp-server` package, RFC 5321)
 * that accepts every message and keeps it, so tests drive the real
 * nodemailer SMTP transport over a real socket. Plain SMTP on 127.0.0.1,
 * STARTTLS and AUTH disabled. Tests only.
 */
import { SMTPServer } from "smtp-server";
import { freePort } from "@limelight/testkit";

/** One received message: envelope recipients, decoded headers of interest and the decoded plain-text body. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/** A running sink: `url` for nodemailer (`smtp://127.0.0.1:<port>`), the messages so far, `stop()`. */
export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  /** Makes the server refuse every following message with 554 (a failing mail server), or accept again. */
  refuseAll(refuse: boolean): void;
  stop(): Promise<void>;
}

/** Starts the sink on a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusing) {
          callback(Object.assign(new Error("Message refused"), { responseCode: 554 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({
          ...parseMessage(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseAll: (refuse) => {
      refusing = refuse;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subject and text of a single-part text/plain message (7bit, quoted-printable or base64), as nodemailer writes them. */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  let text = body;
  if (encoding === "quoted-printable") {
    text = Buffer.from(
      body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      "latin1",
    ).toString("utf8");
  } else if (encoding === "base64") {
    text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  const subject = header("Subject").replace(/=\?utf-8\?([QB])\?(.*?)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
  );
  return { subject, text: text.replace(/\r\n/g, "\n") };
}
