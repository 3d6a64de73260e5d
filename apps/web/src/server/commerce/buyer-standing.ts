import { type Db } from "@limelight/db";

/** A buyer as a ticket checkout needs them: id, email (for the Checkout Session) and whether they already hold a valid ticket. */
export interface BuyerStanding {
  id: string;
  email: string;
  hasValidTicket: boolean;
}

/**
 * Reads a buyer and whether they already have a valid ticket for `eventId`,
 * in ONE round trip (a correlated EXISTS; the same SQL on PostgreSQL and
 * SQLite), instead of two queries per Buy press during an on-sale rush.
 * Returns null when the account does not exist. A read only: the database's
 * unique index and the conditional seat update decide the race, not this.
 */
export async function buyerStanding(db: Db, userId: string, eventId: string): Promise<BuyerStanding | null> {
  const rows = await db.$queryRaw<{ id: string; email: string; hasValidTicket: unknown }[]>`
    SELECT u."id", u."email",
           EXISTS (SELECT 1 FROM "Ticket" t WHERE t."eventId" = ${eventId} AND t."userId" = u."id" AND t."status" = 'valid') AS "hasValidTicket"
    FROM "User" u WHERE u."id" = ${userId}`;
  const row = rows[0];
  // PostgreSQL answers a boolean, SQLite 0/1 (as a number or bigint).
  return row ? { id: row.id, email: row.email, hasValidTicket: row.hasValidTicket === true || Number(row.hasValidTicket) === 1 } : null;
}
