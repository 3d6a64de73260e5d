import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxMailer } from "./outbox-mailer";
import { sendSafely } from "./send-safely";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "limelight-outbox-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("OutboxMailer (embedded default)", () => {
  it("writes each message as a readable .eml file and logs the recipient and subject, not the body", async () => {
    const dir = path.join(root, "outbox");
    const lines: string[] = [];
    const mailer = new OutboxMailer(dir, "Limelight <no-reply@limelight.local>", (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`));
    await mailer.send({ to: "ada@example.test", subject: "Reset your Limelight password", text: "Open http://localhost:3000/reset-password?token=abc" });
    await mailer.send({ to: "bob@example.test", subject: "Your ticket:\r\nBcc: evil@example.test", text: "Paid: Free", html: "<p>Paid: Free</p>" });

    const files = (await readdir(dir)).sort();
    expect(files.filter((f) => f.endsWith(".eml"))).toHaveLength(2);
    expect(files.filter((f) => f.endsWith(".html"))).toHaveLength(1);
    const contents = await Promise.all(files.filter((f) => f.endsWith(".eml")).map((f) => readFile(path.join(dir, f), "utf8")));
    const reset = contents.find((c) => c.includes("To: ada@example.test"));
    expect(reset).toContain("Subject: Reset your Limelight password");
    expect(reset).toContain("\r\n\r\nOpen http://localhost:3000/reset-password?token=abc");
    const receipt = contents.find((c) => c.includes("To: bob@example.test"));
    // A line break in a header value cannot add a header.
    expect(receipt).toContain("Subject: Your ticket: Bcc: evil@example.test\r\n");
    expect(receipt).not.toMatch(/^Bcc:/m);

    expect(lines[0]).toMatch(/^mail to ada@example\.test: Reset your Limelight password /);
    expect(lines.join("\n")).not.toContain("token=abc");
  });

  it("keeps the outbox private but leaves the folders it creates above it (the demo's .data) open to nginx", async () => {
    const state = path.join(root, "state");
    await new OutboxMailer(path.join(state, "outbox"), "Limelight <no-reply@limelight.local>").send({ to: "ada@example.test", subject: "Hi", text: "Hi" });
    expect((await stat(path.join(state, "outbox"))).mode & 0o777).toBe(0o700);
    expect((await stat(state)).mode & 0o777).toBe(0o777 & ~process.umask());
  });

  it("an outbox that cannot be written rejects; sendSafely logs it and reports false instead of throwing", async () => {
    const notADir = path.join(root, "a-file");
    await writeFile(notADir, "x");
    const mailer = new OutboxMailer(path.join(notADir, "outbox"), "Limelight <no-reply@limelight.local>");
    await expect(mailer.send({ to: "ada@example.test", subject: "Hi", text: "Hi" })).rejects.toThrow();
    const logged: string[] = [];
    await expect(sendSafely(mailer, { to: "ada@example.test", subject: "Hi", text: "Hi" }, (message) => logged.push(message))).resolves.toBe(false);
    expect(logged).toEqual(["mail could not be sent"]);
  });
});
