/**
 * Show reminders (24 h, 15 min, live) to ticket holders through the
 * project's mailer, claimed once per ticket and kind in the database, with a
 * signed unsubscribe link. The worker calls `reminderDeps()`.
 */
import { env } from "../../env";
import { db } from "../db";
import { logger } from "../logger";
import { mailer } from "../mail";
import { type ReminderDeps } from "./send-due-reminders";

/** The process-wide reminder deps from env (db, mailer, APP_URL, REMINDER_TOKEN_SECRET). */
export function reminderDeps(): ReminderDeps {
  const config = env();
  return {
    db: db(),
    mailer: mailer(),
    appUrl: config.APP_URL,
    tokenSecret: config.REMINDER_TOKEN_SECRET,
    log: (message, fields) => logger().warn(fields ?? {}, message),
  };
}
