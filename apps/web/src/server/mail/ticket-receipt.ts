import type { Db } from "@limelight/db";
import { formatMoney } from "@limelight/domain/events/money";
import type { MailLog, MailMessage, Mailer } from "./mailer";
import { sendSafely } from "./send-safely";

/** What a ticket receipt shows; `amountCents` in the smallest currency unit, `startsAt` the show start. */
export interface TicketReceiptFacts {
  buyerName: string;
  buyerEmail: string;
  title: string;
  startsAt: Date;
  amountCents: number;
  /** ISO 4217 code, any case. */
  currency: string;
  /** Public base URL of the web app, no trailing slash needed. */
  appUrl: string;
  slug: string;
  eventId: string;
}

/**
 * The receipt mail for one ticket: show title, start time (UTC ISO 8601),
 * the event page link, the amount paid (formatMoney, "Free" for 0 cents) and
 * the watch link.
 */
export function ticketReceiptMessage(facts: TicketReceiptFacts): MailMessage {
  const base = facts.appUrl.replace(/\/+$/, "");
  const eventUrl = `${base}/events/${encodeURIComponent(facts.slug)}`;
  const watchUrl = `${base}/watch/${encodeURIComponent(facts.eventId)}`;
  const paid = facts.amountCents === 0 ? "Free" : formatMoney(facts.amountCents, facts.currency);
  const text = [
    `Hi ${facts.buyerName},`,
    "",
    `Your ticket for "${facts.title}" is confirmed.`,
    "",
    `Show: ${facts.title}`,
    `Starts: ${facts.startsAt.toISOString()} (UTC)`,
    `Event page: ${eventUrl}`,
    `Paid: ${paid}`,
    `Watch: ${watchUrl}`,
    "",
    `The watch link works when you are signed in as ${facts.buyerEmail}.`,
    "",
    "Limelight",
  ].join("\n");
  return { to: facts.buyerEmail, subject: `Your ticket: ${facts.title}`, text };
}

/** What sendTicketReceipt needs: the database, an optional mailer (absent → nothing is sent), the app URL and a log. */
export interface TicketReceiptDeps {
  db: Db;
  mailer?: Mailer | undefined;
  appUrl: string;
  log?: MailLog | undefined;
}

/**
 * Mails the receipt of ticket `ticketId` to its holder. Call after the
 * transaction that created the ticket committed. Never throws: a missing
 * ticket, a database error or a failing mailer is logged and reported as
 * false; true when the mailer accepted the receipt.
 */
export async function sendTicketReceipt(deps: TicketReceiptDeps, ticketId: string): Promise<boolean> {
  if (!deps.mailer) return false;
  let message: MailMessage;
  try {
    const ticket = await deps.db.ticket.findUniqueOrThrow({
      where: { id: ticketId },
      include: { user: { select: { name: true, email: true } }, event: { select: { id: true, title: true, slug: true, startsAt: true } } },
    });
    message = ticketReceiptMessage({
      buyerName: ticket.user.name,
      buyerEmail: ticket.user.email,
      title: ticket.event.title,
      startsAt: ticket.event.startsAt,
      amountCents: ticket.amountCents,
      currency: ticket.currency,
      appUrl: deps.appUrl,
      slug: ticket.event.slug,
      eventId: ticket.event.id,
    });
  } catch (error) {
    deps.log?.("ticket receipt could not be prepared", { ticketId, err: error });
    return false;
  }
  return sendSafely(deps.mailer, message, deps.log, { ticketId, mail: "ticket_receipt" });
}
