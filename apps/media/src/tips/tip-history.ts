/** The tips a show has had so far, for pages that join after them (the tipper back from Checkout, late viewers). */
import { type Db } from "@limelight/db";
import { type TipView } from "@limelight/contracts";

/** A Tip row with its tipper's name, as read from the database. */
export interface TipRow {
  id: string;
  eventId: string;
  amountCents: number;
  currency: string;
  message: string | null;
  user: { name: string };
}

/** The client view of a confirmed tip (`confirmedAt` as ISO 8601). */
export function toTipView(row: TipRow, confirmedAt: Date): TipView {
  return { id: row.id, eventId: row.eventId, name: row.user.name, amountCents: row.amountCents, currency: row.currency, message: row.message, confirmedAt: confirmedAt.toISOString() };
}

/** Up to `limit` (default 50) confirmed tips of the event, newest first (amounts in cents). */
export async function tipHistory(db: Db, eventId: string, limit = 50): Promise<TipView[]> {
  const rows = await db.tip.findMany({
    where: { eventId, status: "confirmed", confirmedAt: { not: null } },
    orderBy: { confirmedAt: "desc" },
    take: limit,
    include: { user: { select: { name: true } } },
  });
  return rows.flatMap((row) => (row.confirmedAt ? [toTipView(row, row.confirmedAt)] : []));
}
