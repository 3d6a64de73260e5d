/**
 * One "web instance" of the reminders test: runs sendDueReminders `passes`
 * times against a shared database, mailing into a shared outbox folder with
 * the project's OutboxMailer, and prints its counts as JSON.
 * Usage: tsx remind-in-child.ts <database url> <outbox dir> <now ISO> <passes>
 */
import { createDb } from "@limelight/db";
import { OutboxMailer } from "../../mail/outbox-mailer";
import { sendDueReminders } from "../send-due-reminders";

const [url, outbox, nowIso, passes] = process.argv.slice(2);
if (!url || !outbox || !nowIso || !passes) throw new Error("usage: remind-in-child.ts <database url> <outbox dir> <now ISO> <passes>");
const db = createDb(url);
const total = { sent: 0, failed: 0, skipped: 0 };
for (let i = 0; i < Number(passes); i += 1) {
  const r = await sendDueReminders({ db, mailer: new OutboxMailer(outbox, "Limelight <no-reply@test>"), appUrl: "http://localhost:3000", tokenSecret: "test-reminder-secret-0123456789-abcdef", now: () => new Date(nowIso) });
  total.sent += r.sent;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
process.stdout.write(`${JSON.stringify(total)}\n`);
await db.$disconnect();
