import { z } from "zod";
import { AppError, ROLES, parseInput, requireRole, type Actor } from "@limelight/domain";
import { statementNet, sumLedger } from "@limelight/domain/commerce/statement";
import { type CommerceDeps } from "./deps";
import { type EventStatement } from "./types";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Input of eventStatement. */
export interface EventStatementInput {
  /** An admin, or a host of the event. */
  actor: Actor | null;
  eventId: string;
}

const schema = z.object({ eventId: cuidSchema });

/**
 * The money of one show. Gross tickets = every ticket payment taken
 * (including ones refunded later); refunds = every ticket payment returned
 * (admin refunds, automatic refunds of paid sessions that found no seat,
 * Dashboard refunds) plus refunded tips; gross tips = tips paid (confirmed or later refunded); per-host amounts = sums of LedgerEntry rows
 * (each sale/tip split by shareBps, refunds mirrored negatively). All cents.
 * Throws: UNAUTHENTICATED, FORBIDDEN (neither admin nor a host), NOT_FOUND.
 */
export async function eventStatement(deps: CommerceDeps, input: EventStatementInput): Promise<EventStatement> {
  const actor = requireRole(input.actor, ROLES);
  const { eventId } = parseInput(schema, { eventId: input.eventId });
  const event = await deps.db.event.findUnique({
    where: { id: eventId },
    include: { hosts: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { shareBps: "desc" } } },
  });
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  if (actor.role !== "admin" && !event.hosts.some((h) => h.userId === actor.userId)) {
    throw new AppError("FORBIDDEN", "Only admins and this show's hosts can see its statement");
  }
  const [tickets, tips, ledger] = await Promise.all([
    deps.db.ticket.findMany({ where: { eventId, source: "purchase" }, select: { status: true, amountCents: true } }),
    deps.db.tip.findMany({ where: { eventId, status: { in: ["confirmed", "refunded"] } }, select: { amountCents: true, status: true } }),
    deps.db.ledgerEntry.findMany({ where: { eventId }, select: { hostUserId: true, sourceType: true, amountCents: true } }),
  ]);
  const grossTicketsCents = tickets.reduce((sum, t) => sum + t.amountCents, 0);
  const refunded = tickets.filter((t) => t.status === "refunded");
  const grossTipsCents = tips.reduce((sum, t) => sum + t.amountCents, 0);
  const refundedTipsCents = tips.filter((t) => t.status === "refunded").reduce((sum, t) => sum + t.amountCents, 0);
  const refundsCents = refunded.reduce((sum, t) => sum + t.amountCents, 0) + refundedTipsCents;
  const { perHost } = sumLedger(ledger);
  const hosts = event.hosts.map((h) => ({
    userId: h.userId,
    name: h.user.name,
    email: h.user.email,
    shareBps: h.shareBps,
    amountCents: perHost.get(h.userId) ?? 0,
  }));
  // A host removed after sales still has ledger lines: keep them on the statement.
  const extra = [...perHost.keys()].filter((id) => !hosts.some((h) => h.userId === id));
  if (extra.length > 0) {
    const users = await deps.db.user.findMany({ where: { id: { in: extra } }, select: { id: true, name: true, email: true } });
    for (const u of users) hosts.push({ userId: u.id, name: u.name, email: u.email, shareBps: 0, amountCents: perHost.get(u.id) ?? 0 });
  }
  return {
    eventId: event.id,
    title: event.title,
    currency: event.currency,
    ticketsSold: tickets.filter((t) => t.status === "valid").length,
    ticketsRefunded: refunded.length,
    tipsConfirmed: tips.filter((t) => t.status === "confirmed").length,
    grossTicketsCents,
    grossTipsCents,
    refundsCents,
    netCents: statementNet(grossTicketsCents, grossTipsCents, refundsCents),
    hosts,
  };
}
