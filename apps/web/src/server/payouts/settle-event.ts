import { z } from "zod";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { settlementDue } from "@limelight/domain/payouts/payout-rules";
import { isUniqueViolation } from "../commerce/seats";
import { type PayoutDeps, nowOf } from "./deps";
import { payHost } from "./pay-host";
import { sendPayout } from "./send-payout";

/** What settling one event did: payouts created and how each send went. */
export interface SettleResult {
  eventId: string;
  /** False when the event was already settled (by the window, an admin or another instance). */
  settledNow: boolean;
  payouts: { hostUserId: string; outcome: string; payoutId?: string; amountCents?: number }[];
}

/**
 * Releases an ended show for payouts (one EventSettlement row: unique, so two
 * instances or two clicks settle once) and pays each host with a share in it
 * (payHost → sendPayout: one transfer per host, transfer_group = the event).
 * Pays again hosts whose payout is still owed when the event was settled
 * before. `settledById` is the admin who settled early (null: the window).
 * Throws NOT_FOUND, CONFLICT (the show has not ended).
 */
export async function settleEvent(deps: PayoutDeps, eventId: string, settledById: string | null): Promise<SettleResult> {
  const event = await deps.db.event.findUnique({ where: { id: eventId }, select: { id: true, status: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  if (event.status !== "ended") throw new AppError("CONFLICT", "Only a show that has ended can be settled");
  let settledNow = true;
  try {
    await deps.db.$transaction(async (tx) => {
      await tx.eventSettlement.create({ data: { eventId, settledAt: nowOf(deps), settledById } });
      if (settledById) {
        await tx.auditLog.create({ data: { actorId: settledById, action: "event.settle", targetType: "event", targetId: eventId, details: "{}" } });
      }
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    settledNow = false;
  }
  const hosts = await deps.db.ledgerEntry.findMany({ where: { eventId }, distinct: ["hostUserId"], select: { hostUserId: true } });
  const payouts: SettleResult["payouts"] = [];
  for (const { hostUserId } of hosts) {
    const outcome = await payHost(deps, hostUserId, eventId);
    if (outcome.kind === "created") {
      payouts.push({ hostUserId, outcome: await sendPayout(deps, outcome.payoutId), payoutId: outcome.payoutId, amountCents: outcome.amountCents });
    } else payouts.push({ hostUserId, outcome: outcome.kind });
  }
  return { eventId, settledNow, payouts };
}

const schema = z.object({ eventId: z.string().min(1, "Event is required") });

/** Admin: settles an ended show now, before its window passes (see settleEvent). Throws UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT. */
export async function settleEventEarly(deps: PayoutDeps, input: { actor: Actor | null; eventId: string }): Promise<SettleResult> {
  const actor = requireRole(input.actor, ["admin"]);
  const { eventId } = parseInput(schema, { eventId: input.eventId });
  return settleEvent(deps, eventId, actor.userId);
}

/**
 * Settles every ended show whose settlement window has passed and that is
 * not settled yet. The window runs from `endedAt` (set when the show
 * ends), or from the scheduled end (startsAt + duration) for a show marked
 * ended without it. Returns what each did.
 */
export async function settleDueEvents(deps: PayoutDeps): Promise<SettleResult[]> {
  const now = nowOf(deps);
  const cutoff = new Date(now.getTime() - deps.settlementWindowMs);
  const ended = await deps.db.event.findMany({
    where: { status: "ended", OR: [{ endedAt: { lte: cutoff } }, { endedAt: null, startsAt: { lte: cutoff } }] },
    select: { id: true, endedAt: true, startsAt: true, durationMinutes: true },
  });
  const settled = new Set((await deps.db.eventSettlement.findMany({ where: { eventId: { in: ended.map((e) => e.id) } }, select: { eventId: true } })).map((s) => s.eventId));
  const results: SettleResult[] = [];
  for (const e of ended) {
    const endedAt = e.endedAt ?? new Date(e.startsAt.getTime() + e.durationMinutes * 60_000);
    if (settled.has(e.id) || !settlementDue(endedAt, deps.settlementWindowMs, now)) continue;
    results.push(await settleEvent(deps, e.id, null));
  }
  return results;
}
