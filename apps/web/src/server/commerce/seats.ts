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

/** True when `error` is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
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
    if (!(await takeSeat(tx, hold.eventId))) return null;
    return tx.seatHold.create({ data: { eventId: hold.eventId, userId: hold.userId, status: "open", expiresAt: hold.expiresAt, createdAt: hold.now }, select: { id: true } });
  }, TX_OPTIONS);
}
