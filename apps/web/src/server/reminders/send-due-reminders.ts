import { type Db } from "@limelight/db";
import { dueReminderKinds, REMINDER_LOOKAHEAD_MS } from "@limelight/domain/reminders/due-reminders";
import { isUniqueViolation } from "../commerce/seats";
import { watchUrl } from "../events/event-calendar";
import { type Mailer } from "../mail/mailer";
import { reminderMessage } from "./reminder-mail";
import { unsubscribeToken } from "./unsubscribe-token";

/** What sendDueReminders needs. */
export interface ReminderDeps {
  db: Db;
  /** The project's mailer (SMTP or outbox). */
  mailer: Mailer;
  /** Public base URL (watch and unsubscribe links). */
  appUrl: string;
  /** HMAC secret of unsubscribe tokens (REMINDER_TOKEN_SECRET). */
  tokenSecret: string;
  now?: () => Date;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** Counts of one pass. */
export interface ReminderPassResult {
  sent: number;
  failed: number;
  /** Holders who unsubscribed (claimed as "skipped", never mailed). */
  skipped: number;
}

/**
 * Sends the reminders due now (24 h, 15 min, live; see dueReminderKinds) to
 * every valid ticket holder of every show in the window. Each (ticket, kind)
 * is claimed first by inserting its ShowReminder row (unique): the instance
 * whose insert wins sends, every other instance and every later pass skips.
 * So a reminder goes out at most once, across restarts and any number of
 * web instances; a crash between the claim and the send loses that one
 * reminder rather than risk a second. A mailer failure marks the row
 * "failed" (logged, not retried). Holders in ReminderOptOut get "skipped".
 */
export async function sendDueReminders(deps: ReminderDeps): Promise<ReminderPassResult> {
  const now = deps.now ? deps.now() : new Date();
  const result: ReminderPassResult = { sent: 0, failed: 0, skipped: 0 };
  const events = await deps.db.event.findMany({
    where: {
      OR: [
        { status: "on_sale", startsAt: { gt: now, lte: new Date(now.getTime() + REMINDER_LOOKAHEAD_MS) } },
        { status: "live", liveAt: { gte: new Date(now.getTime() - 30 * 60_000) } },
      ],
    },
    select: { id: true, title: true, status: true, startsAt: true, liveAt: true },
  });
  for (const event of events) {
    const kinds = dueReminderKinds({ status: event.status, startsAt: event.startsAt.getTime(), liveAt: event.liveAt?.getTime() ?? null }, now.getTime());
    if (kinds.length === 0) continue;
    const tickets = await deps.db.ticket.findMany({ where: { eventId: event.id, status: "valid" }, select: { id: true, userId: true, user: { select: { email: true, name: true } } } });
    const done = await deps.db.showReminder.findMany({ where: { eventId: event.id, kind: { in: kinds } }, select: { ticketId: true, kind: true } });
    const claimed = new Set(done.map((d) => `${d.ticketId}:${d.kind}`));
    const optedOut = new Set((await deps.db.reminderOptOut.findMany({ where: { userId: { in: tickets.map((t) => t.userId) } } })).map((o) => o.userId));
    for (const kind of kinds) {
      for (const ticket of tickets) {
        if (claimed.has(`${ticket.id}:${kind}`)) continue;
        const skip = optedOut.has(ticket.userId);
        let rowId: string;
        try {
          rowId = (await deps.db.showReminder.create({ data: { ticketId: ticket.id, eventId: event.id, kind, status: skip ? "skipped" : "sending" } })).id;
        } catch (error) {
          if (isUniqueViolation(error)) continue; // another instance claimed it
          throw error;
        }
        if (skip) {
          result.skipped += 1;
          continue;
        }
        try {
          await deps.mailer.send(
            reminderMessage({
              kind,
              to: ticket.user.email,
              name: ticket.user.name,
              title: event.title,
              startsAt: event.startsAt,
              watchUrl: watchUrl(deps.appUrl, event.id),
              unsubscribeUrl: `${deps.appUrl}/reminders/unsubscribe?token=${encodeURIComponent(unsubscribeToken(ticket.userId, deps.tokenSecret))}`,
            }),
          );
          await deps.db.showReminder.update({ where: { id: rowId }, data: { status: "sent", sentAt: new Date() } });
          result.sent += 1;
        } catch (error) {
          await deps.db.showReminder.update({ where: { id: rowId }, data: { status: "failed" } });
          deps.log?.("reminder mail failed", { ticketId: ticket.id, kind, err: error instanceof Error ? error.message : String(error) });
          result.failed += 1;
        }
      }
    }
  }
  return result;
}
