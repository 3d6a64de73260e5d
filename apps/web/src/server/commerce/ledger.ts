import { splitByBasisPoints } from "@limelight/domain/commerce/revenue-split";
import { type Tx } from "./seats";

/**
 * Writes one LedgerEntry per host of the event for a ticket sale or a tip:
 * `amountCents` split by the hosts' shareBps (largest remainder, the parts
 * sum exactly to the amount). An event without hosts gets no entries.
 */
export async function recordSaleSplit(
  tx: Tx,
  sale: { eventId: string; sourceType: "ticket" | "tip"; sourceId: string; amountCents: number; currency: string },
): Promise<void> {
  const hosts = await tx.eventHost.findMany({ where: { eventId: sale.eventId }, orderBy: { shareBps: "desc" } });
  const parts = splitByBasisPoints(sale.amountCents, hosts.map((h) => ({ key: h.userId, shareBps: h.shareBps })));
  if (parts.length === 0) return;
  await tx.ledgerEntry.createMany({
    data: parts.map((p) => ({
      eventId: sale.eventId,
      hostUserId: p.key,
      sourceType: sale.sourceType,
      sourceId: sale.sourceId,
      amountCents: p.amountCents,
      currency: sale.currency,
    })),
  });
}

/**
 * Writes the negative mirror of a sale's entries (sourceType "refund",
 * sourceId = the ticket's or tip's id), so each host gives back exactly what
 * it was credited even if shares changed since the sale.
 */
export async function recordRefundMirror(tx: Tx, sale: { sourceType: "ticket" | "tip"; sourceId: string }): Promise<void> {
  const entries = await tx.ledgerEntry.findMany({ where: { sourceType: sale.sourceType, sourceId: sale.sourceId } });
  if (entries.length === 0) return;
  await tx.ledgerEntry.createMany({
    data: entries.map((entry) => ({
      eventId: entry.eventId,
      hostUserId: entry.hostUserId,
      sourceType: "refund",
      sourceId: sale.sourceId,
      amountCents: -entry.amountCents,
      currency: entry.currency,
    })),
  });
}
