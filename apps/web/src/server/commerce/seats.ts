import { randomUUID } from "node:crypto";
import { providerOfDb, type Db, type Prisma } from "@limelight/db";

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/** Options for interactive transactions under an on-sale rush (ms): wait for a connection, then run. */
export const TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 } as const;

/**
 * Takes one seat of an event if any is left, with a conditional update
 * (`seatsTaken < capacity`), so concurrent buyers can never oversell on
 * SQLite or PostgreSQL. Returns true when a seat was taken.
 */
export async function takeSeat(tx: Tx, eventId: string): Promise<boolean> {
  const { count } = await tx.event.updateMany({
    where: { id: eventId, seatsTaken: { lt: tx.event.fields.capacity } },
    data: { seatsTaken: { increment: 1 } },
  });
  return count === 1;
}

/** Gives one seat back (never below zero). */
export async function freeSeat(tx: Tx, eventId: string): Promise<void> {
  await tx.event.updateMany({ where: { id: eventId, seatsTaken: { gt: 0 } }, data: { seatsTaken: { decrement: 1 } } });
}

/**
 * Releases an open seat hold exactly once: flips it to "released" with a
 * conditional update and frees its seat only when this call did the flip.
 * Returns true when the seat went back on sale.
 */
export async function releaseHoldInTx(tx: Tx, holdId: string): Promise<boolean> {
  const hold = await tx.seatHold.findUnique({ where: { id: holdId }, select: { eventId: true } });
  if (!hold) return false;
  const { count } = await tx.seatHold.updateMany({ where: { id: holdId, status: "open" }, data: { status: "released" } });
  if (count === 1) await freeSeat(tx, hold.eventId);
  return count === 1;
}

/** True when `error` is a unique-constraint violation (Prisma P2002, or a raw query failing with SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta, message } = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown } } }; message?: unknown };
  if (code === "P2002") return true;
  // A raw statement ($queryRaw, e.g. holdSeat's CTE) reports the driver's error: P2010 with PostgreSQL's SQLSTATE 23505.
  if (code === "P2010") return meta?.code === "23505" || (typeof message === "string" && /23505|unique constraint/i.test(message));
  return meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/**
 * Serializes one buyer's ticket grants for one event inside `tx`: on
 * PostgreSQL a transaction-scoped advisory lock on (event, buyer), released at
 * commit or rollback, so a concurrent grant waits and then sees the first
 * one's ticket; SQLite runs one writer at a time anyway (no-op).
 * Source: https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
 */
export async function lockBuyerOfEvent(tx: Tx, dialect: "postgresql" | "sqlite", eventId: string, userId: string): Promise<void> {
  if (dialect !== "postgresql") return;
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`${eventId}:${userId}`}))::text AS locked`;
}

/**
 * Reads an event's status inside `tx` while holding its row lock until the
 * transaction ends: `SELECT … FOR UPDATE` on PostgreSQL (a concurrent cancel's
 * conditional status update waits for this transaction, or this read waits
 * for the cancel and then sees "cancelled"); on SQLite the caller's
 * transaction has already written (one writer at a time), so a plain read is
 * just as exclusive. Returns null when the event does not exist.
 * Source: https://www.postgresql.org/docs/15/sql-select.html#SQL-FOR-UPDATE-SHARE
 */
export async function lockEventStatus(tx: Tx, dialect: "postgresql" | "sqlite", eventId: string): Promise<string | null> {
  if (dialect === "postgresql") {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT "status" FROM "Event" WHERE "id" = ${eventId} FOR UPDATE`;
    return rows[0]?.status ?? null;
  }
  const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true } });
  return event?.status ?? null;
}

/** SQL dialect of a Prisma client ("postgresql" or "sqlite"): the provider of the DATABASE_URL it was created with. */
export function dialectOf(db: Db): "postgresql" | "sqlite" {
  return providerOfDb(db);
}

/**
 * Takes a seat and creates an open SeatHold for it, atomically: either both
 * happen or neither (returns null: sold out). On PostgreSQL this is ONE
 * statement (a data-modifying CTE: the conditional `seatsTaken < capacity`
 * update feeds the INSERT), so the event row is locked only for that
 * statement and an on-sale rush does not queue behind transaction round
 * trips. On SQLite (one writer at a time anyway) it is a short transaction.
 * One open hold per buyer and event: throws a unique violation (PostgreSQL's
 * partial index) or OpenHoldExistsError (SQLite) when the buyer has one.
 */
export async function holdSeat(db: Db, hold: { eventId: string; userId: string; expiresAt: Date; now: Date }): Promise<{ id: string } | null> {
  if (dialectOf(db) === "postgresql") {
    const id = randomUUID();
    const rows = await db.$queryRaw<{ id: string }[]>`
      WITH seat AS (
        UPDATE "Event" SET "seatsTaken" = "seatsTaken" + 1, "updatedAt" = (${hold.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        WHERE "id" = ${hold.eventId} AND "seatsTaken" < "capacity"
        RETURNING "id"
      )
      INSERT INTO "SeatHold" ("id", "eventId", "userId", "status", "expiresAt", "createdAt")
      SELECT ${id}, seat."id", ${hold.userId}, 'open',
             (${hold.expiresAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'), (${hold.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      FROM seat
      RETURNING "id"`;
    return rows[0] ?? null;
  }
  return db.$transaction(async (tx) => {
    // The write comes first: it takes SQLite's single write lock, so the check below sees every committed hold
    // and no other writer can add one before this transaction ends (throwing rolls the seat back).
    if (!(await takeSeat(tx, hold.eventId))) return null;
    if ((await tx.seatHold.count({ where: { eventId: hold.eventId, userId: hold.userId, status: "open" } })) > 0) throw new OpenHoldExistsError();
    return tx.seatHold.create({ data: { eventId: hold.eventId, userId: hold.userId, status: "open", expiresAt: hold.expiresAt, createdAt: hold.now }, select: { id: true } });
  }, TX_OPTIONS);
}

/**
 * Thrown by holdSeat when the buyer already has an open hold for the event:
 * on PostgreSQL the unique partial index "SeatHold_one_open_per_buyer_event"
 * refuses the insert (a unique violation); on SQLite (which cannot take that
 * index through Prisma's tooling) the check runs under the write lock.
 */
export class OpenHoldExistsError extends Error {
  constructor() {
    super("The buyer already has an open seat hold for this event");
    this.name = "OpenHoldExistsError";
  }
}
