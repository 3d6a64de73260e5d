import { type Db } from "@limelight/db";

/** The event fields a ticket checkout needs (no dates: the same row shape from PostgreSQL and SQLite). */
export interface CheckoutEvent {
  id: string;
  slug: string;
  title: string;
  status: string;
  priceCents: number;
  currency: string;
  capacity: number;
  seatsTaken: number;
  contentWarning: string | null;
}

/** A buyer as a ticket checkout needs them: id, email (for the Checkout Session) and whether they already hold a valid ticket for the event. */
export interface BuyerStanding {
  id: string;
  email: string;
  hasValidTicket: boolean;
  /** Whether the buyer holds an open seat hold for the event (a checkout in progress; at most one: unique index). */
  hasOpenHold: boolean;
}

/** What a Buy press reads before taking a seat: the event (null: no such event) and the buyer (null: no such account). */
export interface CheckoutContext {
  event: CheckoutEvent | null;
  buyer: BuyerStanding | null;
}

interface Row {
  id: string | null;
  slug: string | null;
  title: string | null;
  status: string | null;
  priceCents: number | bigint | null;
  currency: string | null;
  capacity: number | bigint | null;
  seatsTaken: number | bigint | null;
  contentWarning: string | null;
  buyerId: string | null;
  buyerEmail: string | null;
  hasValidTicket: unknown;
  hasOpenHold: unknown;
}

/**
 * Reads the event, the buyer, and whether the buyer already has a valid
 * ticket or an open hold for it, in ONE round trip (the same SQL on
 * PostgreSQL and SQLite: a one-row select with two left joins and two
 * EXISTS) instead of four queries per Buy press during an on-sale rush. A read only: the
 * conditional seat update and the one-open-hold unique index decide races,
 * not this. Money columns are integer cents.
 */
export async function loadCheckoutContext(db: Db, eventId: string, userId: string): Promise<CheckoutContext> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT e."id", e."slug", e."title", e."status", e."priceCents", e."currency", e."capacity", e."seatsTaken", e."contentWarning",
           u."id" AS "buyerId", u."email" AS "buyerEmail",
           EXISTS (SELECT 1 FROM "Ticket" t WHERE t."eventId" = ${eventId} AND t."userId" = ${userId} AND t."status" = 'valid') AS "hasValidTicket",
           EXISTS (SELECT 1 FROM "SeatHold" h WHERE h."eventId" = ${eventId} AND h."userId" = ${userId} AND h."status" = 'open') AS "hasOpenHold"
    FROM (SELECT 1 AS "one") AS x
    LEFT JOIN "Event" e ON e."id" = ${eventId}
    LEFT JOIN "User" u ON u."id" = ${userId}`;
  const row = rows[0];
  if (!row) return { event: null, buyer: null };
  const event: CheckoutEvent | null =
    row.id === null
      ? null
      : {
          id: row.id,
          slug: String(row.slug),
          title: String(row.title),
          status: String(row.status),
          priceCents: Number(row.priceCents),
          currency: String(row.currency),
          capacity: Number(row.capacity),
          seatsTaken: Number(row.seatsTaken),
          contentWarning: row.contentWarning,
        };
  // PostgreSQL answers a boolean, SQLite 0/1 (a number or a bigint).
  const flag = (value: unknown) => value === true || Number(value) === 1;
  const buyer: BuyerStanding | null =
    row.buyerId === null ? null : { id: row.buyerId, email: String(row.buyerEmail), hasValidTicket: flag(row.hasValidTicket), hasOpenHold: flag(row.hasOpenHold) };
  return { event, buyer };
}
