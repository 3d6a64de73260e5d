import { afterFailedAttempt, type CancellationRefundStatus } from "@limelight/domain/commerce/refund-retry";
import { type CommerceDeps, logOf, nowOf } from "./deps";
import { refundValidTicket } from "./refund-valid-ticket";
import { isUniqueViolation } from "./seats";

/** Counts of an event's CancellationRefund rows by status, plus the rows still owed. */
export interface CancellationRefundSummary {
  refunded: number;
  revoked: number;
  pending: number;
  failed: number;
  /** Rows not settled yet (pending or failed), oldest first, at most 50: what the admin must watch. */
  open: CancellationRefundRow[];
}

/** One refund still owed, as the admin page shows it. */
export interface CancellationRefundRow {
  ticketId: string;
  status: "pending" | "failed";
  attempts: number;
  lastError: string | null;
  /** ISO time of the next automatic try (pending rows). */
  nextAttemptAt: string;
}

/**
 * Writes one pending CancellationRefund row for every valid ticket of
 * `eventId` that has none yet (unique per ticket, so concurrent callers and
 * repeats add nothing twice). Call it only once the event is cancelled.
 * Returns the number of rows added.
 */
export async function recordCancellationRefunds(deps: CommerceDeps, eventId: string): Promise<number> {
  const tickets = await deps.db.ticket.findMany({ where: { eventId, status: "valid" }, select: { id: true } });
  if (tickets.length === 0) return 0;
  const known = await deps.db.cancellationRefund.findMany({ where: { ticketId: { in: tickets.map((t) => t.id) } }, select: { ticketId: true } });
  const have = new Set(known.map((r) => r.ticketId));
  const now = nowOf(deps);
  let added = 0;
  for (const t of tickets) {
    if (have.has(t.id)) continue;
    try {
      await deps.db.cancellationRefund.create({ data: { eventId, ticketId: t.id, status: "pending", nextAttemptAt: now } });
      added += 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return added;
}

/** Options of processCancellationRefunds. */
export interface ProcessRefundsOptions {
  /** Only this event's rows (default: every event). */
  eventId?: string;
  /** Rows at most per call (default 500); the rest wait for the next run. */
  limit?: number;
  /** Who is acting (AuditLog); null (default) for the background job. */
  actorId?: string | null;
}

/**
 * Tries every pending CancellationRefund row that is due (nextAttemptAt ≤
 * now), four at a time: a ticket still valid is refunded through
 * refundValidTicket (idempotency key per ticket, so a resumed or concurrent
 * run never refunds twice); one already refunded or revoked by another path
 * just closes its row. A provider failure counts an attempt and schedules
 * the next try with backoff (afterFailedAttempt), "failed" after the limit.
 * Never throws for one row's failure. Returns the rows settled and failed now.
 */
export async function processCancellationRefunds(
  deps: CommerceDeps,
  options: ProcessRefundsOptions = {},
): Promise<{ settled: number; retrying: number; failed: number }> {
  const now = nowOf(deps);
  const rows = await deps.db.cancellationRefund.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(options.eventId ? { eventId: options.eventId } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 500,
  });
  const result = { settled: 0, retrying: 0, failed: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const row = rows[next] as (typeof rows)[number];
      next += 1;
      const outcome = await settleRow(deps, row, options.actorId ?? null);
      if (outcome === "pending") result.retrying += 1;
      else if (outcome === "failed") result.failed += 1;
      else result.settled += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, rows.length) }, worker));
  return result;
}

async function settleRow(
  deps: CommerceDeps,
  row: { id: string; ticketId: string; attempts: number },
  actorId: string | null,
): Promise<CancellationRefundStatus> {
  const { db } = deps;
  const ticket = await db.ticket.findUnique({ where: { id: row.ticketId } });
  if (!ticket || ticket.status !== "valid") {
    const status = ticket?.status === "revoked" ? "revoked" : "refunded";
    await db.cancellationRefund.update({ where: { id: row.id }, data: { status, lastError: null } });
    return status;
  }
  try {
    const done = await refundValidTicket(deps, ticket, { actorId, context: "event_cancelled" });
    await db.cancellationRefund.update({
      where: { id: row.id },
      data: { status: done.status, refundId: done.refundId, attempts: { increment: done.status === "refunded" ? 1 : 0 }, lastError: null },
    });
    return done.status;
  } catch (error) {
    const attempts = row.attempts + 1;
    const next = afterFailedAttempt(attempts, nowOf(deps));
    const message = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
    // Conditional: a concurrent run that succeeded meanwhile is never turned back to pending.
    await db.cancellationRefund.updateMany({
      where: { id: row.id, status: "pending" },
      data: { status: next.status, attempts, nextAttemptAt: next.nextAttemptAt, lastError: message },
    });
    logOf(deps, "refund of a cancelled event's ticket failed", { ticketId: row.ticketId, attempts, next: next.status });
    return next.status;
  }
}

/**
 * Puts an event's "failed" refund rows back to pending, due now (the admin
 * pressed Cancel / Retry again). Returns how many.
 */
export async function retryFailedCancellationRefunds(deps: CommerceDeps, eventId: string): Promise<number> {
  const { count } = await deps.db.cancellationRefund.updateMany({
    where: { eventId, status: "failed" },
    data: { status: "pending", nextAttemptAt: nowOf(deps) },
  });
  return count;
}

/** The admin's view of an event's cancellation refunds: counts by status and the rows still owed. */
export async function cancellationRefundSummary(deps: CommerceDeps, eventId: string): Promise<CancellationRefundSummary> {
  const groups = await deps.db.cancellationRefund.groupBy({ by: ["status"], where: { eventId }, _count: { _all: true } });
  const count = (status: CancellationRefundStatus): number => groups.find((g) => g.status === status)?._count._all ?? 0;
  const open = await deps.db.cancellationRefund.findMany({
    where: { eventId, status: { in: ["pending", "failed"] } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  return {
    refunded: count("refunded"),
    revoked: count("revoked"),
    pending: count("pending"),
    failed: count("failed"),
    open: open.map((r) => ({
      ticketId: r.ticketId,
      status: r.status === "failed" ? "failed" : "pending",
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
    })),
  };
}
