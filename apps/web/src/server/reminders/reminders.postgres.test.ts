import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { startPostgres, type PostgresServer } from "@limelight/testkit";
import { seedEvent, seedUser } from "../commerce/testing/fixtures";
import { unsubscribeFromReminders } from "./unsubscribe";
import { unsubscribeToken } from "./unsubscribe-token";

const SECRET = "test-reminder-secret-0123456789-abcdef";
let pg: PostgresServer;
let db: Db;
let url: string;

beforeAll(async () => {
  pg = await startPostgres();
  url = await pg.createDatabase("reminders");
  db = createDb(url);
});
afterAll(async () => {
  await db?.$disconnect();
  await pg?.stop();
});

/** One "web instance": a separate process running the reminder pass `passes` times. */
function instance(outbox: string, now: Date, passes: number): Promise<{ sent: number; failed: number; skipped: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./testing/remind-in-child.ts", import.meta.url)), url, outbox, now.toISOString(), String(passes)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as { sent: number; failed: number; skipped: number }) : reject(new Error(`instance exited ${code}: ${err}`))));
  });
}

async function holders(eventId: string, count: number) {
  const users = [];
  for (let i = 0; i < count; i += 1) {
    const user = await seedUser(db);
    await db.ticket.create({ data: { eventId, userId: user.userId, source: "comp", amountCents: 0, currency: "usd" } });
    users.push(user);
  }
  return users;
}

function outboxMails(dir: string): { to: string; subject: string; body: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => {
      const text = readFileSync(join(dir, f), "utf8");
      return { to: /^To: (.*)$/m.exec(text)?.[1] ?? "", subject: /^Subject: (.*)$/m.exec(text)?.[1] ?? "", body: text };
    });
}

describe("show reminders with two web instances (PostgreSQL)", () => {
  it("sends each holder each due reminder exactly once, however many passes and instances run, and honours unsubscribes", async () => {
    const now = new Date();
    const soon = await seedEvent(db, { status: "on_sale" });
    await db.event.update({ where: { id: soon.eventId }, data: { startsAt: new Date(now.getTime() + 10 * 60_000), title: "Soon show" } });
    const tomorrow = await seedEvent(db, { status: "on_sale" });
    await db.event.update({ where: { id: tomorrow.eventId }, data: { startsAt: new Date(now.getTime() + 20 * 3600_000), title: "Tomorrow show" } });
    const live = await seedEvent(db, { status: "live" });
    await db.event.update({ where: { id: live.eventId }, data: { startsAt: new Date(now.getTime() - 5 * 60_000), liveAt: new Date(now.getTime() - 60_000), title: "Live show" } });
    const later = await seedEvent(db, { status: "on_sale" });
    await db.event.update({ where: { id: later.eventId }, data: { startsAt: new Date(now.getTime() + 3 * 24 * 3600_000) } });
    const soonHolders = await holders(soon.eventId, 4);
    await holders(tomorrow.eventId, 3);
    await holders(live.eventId, 3);
    await holders(later.eventId, 2);

    // One holder unsubscribes through the signed link in an earlier mail.
    const leaver = soonHolders[0]!;
    await expect(unsubscribeFromReminders(db, `${leaver.userId}.forged`, SECRET)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(unsubscribeFromReminders(db, unsubscribeToken(leaver.userId, "another-secret-0123456789-0123456789"), SECRET)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await unsubscribeFromReminders(db, unsubscribeToken(leaver.userId, SECRET), SECRET);
    await unsubscribeFromReminders(db, unsubscribeToken(leaver.userId, SECRET), SECRET); // twice is fine

    const outbox = mkdtempSync(join(tmpdir(), "limelight-reminders-"));
    const [a, b] = await Promise.all([instance(outbox, now, 3), instance(outbox, now, 3)]);
    // 3 "15m" (4 holders, one unsubscribed) + 3 "24h" + 3 "live"; the show three days away gets nothing yet.
    expect(a.sent + b.sent).toBe(9);
    expect(a.skipped + b.skipped).toBe(1);
    expect(a.failed + b.failed).toBe(0);
    const mails = outboxMails(outbox);
    expect(mails).toHaveLength(9);
    expect(new Set(mails.map((m) => `${m.to}|${m.subject}`)).size).toBe(9);
    expect(mails.filter((m) => m.subject === "Starting in 15 minutes: Soon show")).toHaveLength(3);
    expect(mails.filter((m) => m.subject === "Tomorrow: Tomorrow show")).toHaveLength(3);
    expect(mails.filter((m) => m.subject === "Live now: Live show")).toHaveLength(3);
    expect(mails.some((m) => m.to === leaver.email)).toBe(false);
    const sample = mails.find((m) => m.subject.startsWith("Live now"))!;
    expect(sample.body).toContain(`http://localhost:3000/watch/${live.eventId}`);
    const link = /No more show reminders: (\S+)/.exec(sample.body)?.[1] ?? "";
    const token = new URL(link).searchParams.get("token") ?? "";
    const holder = await db.user.findFirstOrThrow({ where: { email: sample.to } });
    expect(token.startsWith(`${holder.id}.`)).toBe(true);

    // A restart later in the same window sends nothing again.
    const again = await instance(outbox, new Date(now.getTime() + 60_000), 1);
    expect(again).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(outboxMails(outbox)).toHaveLength(9);
  });
});
