import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createUser } from "@limelight/db/seed/factories";
import { createSqliteDatabase } from "@limelight/testkit";
import { authenticate } from "../auth/credentials";
import { signInWithThrottle } from "../auth/throttled-sign-in";
import { mailerFromConfig } from "../mail";
import { startSmtpSink, type SmtpSink } from "../mail/testing/smtp-sink";
import { checkPasswordResetLink } from "./check-password-reset-link";
import type { PasswordResetDeps } from "./password-reset-deps";
import { PASSWORD_RESET_REQUESTED_MESSAGE, requestPasswordReset } from "./request-password-reset";
import { resetPassword } from "./reset-password";

const APP_URL = "http://shows.example.test";
const MIN = 60_000;

let db: Db;
let sink: SmtpSink;
let clock: Date;
let deps: PasswordResetDeps;

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  sink = await startSmtpSink();
  // The real SMTP mailer (nodemailer transport from SMTP_URL) talking to the local SMTP server.
  const mailer = mailerFromConfig({ SMTP_URL: sink.url, MAIL_FROM: "Limelight <no-reply@shows.example.test>", MAIL_OUTBOX_DIR: "unused" }, () => {});
  deps = { db, mailer, appUrl: APP_URL, now: () => clock };
});
afterAll(async () => {
  await sink?.stop();
  await db?.$disconnect();
});
beforeEach(() => {
  clock = new Date();
  sink.refuseAll(false);
});

function mailsTo(email: string) {
  return sink.messages.filter((m) => m.to.includes(email));
}

/** The token of the reset link in a received mail. */
function tokenIn(text: string): string {
  const match = /^http:\/\/shows\.example\.test\/reset-password\?token=([A-Za-z0-9_-]{43})$/m.exec(text);
  if (!match?.[1]) throw new Error(`no reset link in mail:\n${text}`);
  return match[1];
}

describe("password reset by mail", () => {
  it("mails one single-use link; the new password works, the old one and a second use do not", async () => {
    const { user, password } = await createUser(db, { name: "Ada" });
    await expect(requestPasswordReset(deps, { email: ` ${user.email.toUpperCase()} ` })).resolves.toBe(PASSWORD_RESET_REQUESTED_MESSAGE);

    const mails = mailsTo(user.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.from).toBe("no-reply@shows.example.test");
    expect(mail.subject).toBe("Reset your Limelight password");
    expect(mail.text).toContain("Hi Ada,");
    const token = tokenIn(mail.text);
    // Only the hash is stored.
    expect(await db.passwordResetToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await checkPasswordResetLink(db, token, clock)).toBeNull();

    await expect(resetPassword(deps, { token, password: "short" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("at least 8 characters") });
    await expect(resetPassword(deps, { token, password: "a-brand-new-secret" })).resolves.toEqual({ email: user.email });

    expect(await authenticate(db, { email: user.email, password })).toBeNull();
    expect(await authenticate(db, { email: user.email, password: "a-brand-new-secret" })).toMatchObject({ id: user.id });

    await expect(resetPassword(deps, { token, password: "another-secret-1" })).rejects.toMatchObject({
      code: "TOKEN_EXPIRED",
      message: "This password reset link has already been used. Request a new one.",
    });
    expect(await checkPasswordResetLink(db, token, clock)).toBe("used");
    expect(await authenticate(db, { email: user.email, password: "a-brand-new-secret" })).not.toBeNull();
  });

  it("refuses an expired link and a garbage token with clear messages", async () => {
    const { user, password } = await createUser(db);
    await requestPasswordReset(deps, { email: user.email });
    const token = tokenIn(mailsTo(user.email)[0]!.text);

    clock = new Date(clock.getTime() + 61 * MIN);
    expect(await checkPasswordResetLink(db, token, clock)).toBe("expired");
    await expect(resetPassword(deps, { token, password: "too-late-secret" })).rejects.toMatchObject({
      code: "TOKEN_EXPIRED",
      message: "This password reset link has expired. Request a new one.",
    });
    await expect(resetPassword(deps, { token: "not-a-real-token", password: "guessing-secret" })).rejects.toMatchObject({
      code: "TOKEN_EXPIRED",
      message: "This password reset link is not valid. Request a new one.",
    });
    expect(await checkPasswordResetLink(db, undefined)).toBe("unknown");
    expect(await authenticate(db, { email: user.email, password })).not.toBeNull();
  });

  it("answers an unknown email the same way and sends nothing", async () => {
    const before = sink.messages.length;
    await expect(requestPasswordReset(deps, { email: "nobody-here@example.test" })).resolves.toBe(PASSWORD_RESET_REQUESTED_MESSAGE);
    expect(sink.messages.length).toBe(before);
    await expect(requestPasswordReset(deps, { email: "not an email" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("sends at most 3 links per hour to one account; the 4th request answers the same and sends nothing", async () => {
    const { user } = await createUser(db);
    for (let i = 0; i < 4; i++) {
      await expect(requestPasswordReset(deps, { email: user.email })).resolves.toBe(PASSWORD_RESET_REQUESTED_MESSAGE);
      clock = new Date(clock.getTime() + MIN);
    }
    expect(mailsTo(user.email)).toHaveLength(3);
    // An hour after the first request, one more may be sent.
    clock = new Date(clock.getTime() + 57 * MIN);
    await requestPasswordReset(deps, { email: user.email });
    expect(mailsTo(user.email)).toHaveLength(4);
  });

  it("a reset closes the account's other links and lifts a sign-in lockout at once", async () => {
    const { user } = await createUser(db);
    for (let i = 0; i < 5; i++) expect(await signInWithThrottle(db, { email: user.email, password: `wrong-${i}-guess` }, { ip: "203.0.113.9" })).toBeNull();
    await expect(signInWithThrottle(db, { email: user.email, password: "whatever-1" }, { ip: "203.0.113.9" })).rejects.toMatchObject({ code: "RATE_LIMITED" });

    await requestPasswordReset(deps, { email: user.email });
    await requestPasswordReset(deps, { email: user.email });
    const [first, second] = mailsTo(user.email).map((m) => tokenIn(m.text));
    await resetPassword(deps, { token: second!, password: "fresh-secret-99" });
    await expect(resetPassword(deps, { token: first!, password: "fresh-secret-00" })).rejects.toMatchObject({ code: "TOKEN_EXPIRED", message: expect.stringContaining("already been used") });

    expect(await signInWithThrottle(db, { email: user.email, password: "fresh-secret-99" }, { ip: "203.0.113.9" })).toMatchObject({ id: user.id });
  });

  it("two submits of one link at the same time change the password once", async () => {
    const { user } = await createUser(db);
    await requestPasswordReset(deps, { email: user.email });
    const token = tokenIn(mailsTo(user.email)[0]!.text);
    const results = await Promise.allSettled([
      resetPassword(deps, { token, password: "racer-one-secret" }),
      resetPassword(deps, { token, password: "racer-two-secret" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "TOKEN_EXPIRED" });
    const winner = results[0]?.status === "fulfilled" ? "racer-one-secret" : "racer-two-secret";
    const loser = winner === "racer-one-secret" ? "racer-two-secret" : "racer-one-secret";
    expect(await authenticate(db, { email: user.email, password: winner })).not.toBeNull();
    expect(await authenticate(db, { email: user.email, password: loser })).toBeNull();
  });

  it("still answers when the mail server refuses the message, and the request does not count against the limit", async () => {
    const { user } = await createUser(db);
    sink.refuseAll(true);
    await expect(requestPasswordReset(deps, { email: user.email })).resolves.toBe(PASSWORD_RESET_REQUESTED_MESSAGE);
    expect(await db.passwordResetToken.count({ where: { userId: user.id } })).toBe(0);
    sink.refuseAll(false);
    await requestPasswordReset(deps, { email: user.email });
    expect(mailsTo(user.email)).toHaveLength(1);
  });
});
