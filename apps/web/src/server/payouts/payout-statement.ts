import { AppError, ROLES, requireRole, type Actor } from "@limelight/domain";
import { readHostBalance } from "./balance";
import { payoutAccountOf, type PayoutAccountView } from "./connect-account";
import { type PayoutDeps } from "./deps";

/** One money movement between the platform and a host, newest first on statements. Cents; positive = to the host. */
export interface PayoutMovement {
  at: string;
  kind: "transfer" | "reversal" | "debt";
  eventId: string;
  eventTitle: string;
  amountCents: number;
  currency: string;
  /** Payout/reversal status ("pending" | "sent" | "failed" | "reversed" | "debt"). */
  status: string;
  /** `tr_...` or `trr_...` when Stripe made it. */
  stripeId: string | null;
  note: string | null;
}

/** A host's payouts page data. */
export interface HostPayoutStatement {
  account: PayoutAccountView;
  /** Per currency: owed to the host (> 0) or their debt (< 0), cents, over settled shows. */
  balances: { currency: string; balanceCents: number }[];
  movements: PayoutMovement[];
}

/**
 * The payout statement of `hostUserId`: their connected account, balance per
 * currency and every transfer, reversal and debt. The host themself or an
 * admin. Throws UNAUTHENTICATED, FORBIDDEN.
 */
export async function hostPayoutStatement(deps: PayoutDeps, input: { actor: Actor | null; hostUserId: string }): Promise<HostPayoutStatement> {
  const actor = requireRole(input.actor, ROLES);
  if (actor.role !== "admin" && actor.userId !== input.hostUserId) throw new AppError("FORBIDDEN", "Only the host and admins can see these payouts");
  const account = await payoutAccountOf(deps, input.hostUserId);
  const currencies = (await deps.db.ledgerEntry.findMany({ where: { hostUserId: input.hostUserId }, distinct: ["currency"], select: { currency: true } })).map((c) => c.currency);
  const balances = await Promise.all(
    currencies.map(async (currency) => ({ currency, balanceCents: (await deps.db.$transaction((tx) => readHostBalance(tx, input.hostUserId, currency))).balanceCents })),
  );
  const payouts = await deps.db.payout.findMany({ where: { hostUserId: input.hostUserId } });
  const reversals = await deps.db.payoutReversal.findMany({ where: { hostUserId: input.hostUserId, status: { in: ["pending", "reversed", "debt"] } } });
  const eventIds = [...new Set([...payouts.map((p) => p.eventId), ...reversals.map((r) => r.eventId)])];
  const titles = new Map((await deps.db.event.findMany({ where: { id: { in: eventIds } }, select: { id: true, title: true } })).map((e) => [e.id, e.title]));
  const currencyOf = new Map(payouts.map((p) => [p.id, p.currency]));
  const movements: PayoutMovement[] = [
    ...payouts.map((p) => ({
      at: (p.sentAt ?? p.createdAt).toISOString(),
      kind: "transfer" as const,
      eventId: p.eventId,
      eventTitle: titles.get(p.eventId) ?? p.eventId,
      amountCents: p.amountCents,
      currency: p.currency,
      status: p.status,
      stripeId: p.transferId,
      note: p.failureMessage,
    })),
    ...reversals.map((r) => ({
      at: r.updatedAt.toISOString(),
      kind: r.status === "debt" ? ("debt" as const) : ("reversal" as const),
      eventId: r.eventId,
      eventTitle: titles.get(r.eventId) ?? r.eventId,
      amountCents: -r.amountCents,
      currency: (r.payoutId ? currencyOf.get(r.payoutId) : undefined) ?? "usd",
      status: r.status,
      stripeId: r.reversalId,
      note: r.status === "debt" ? "Refund after payout; deducted from your next transfer" : "Refund after payout",
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return { account, balances, movements };
}

/** One row of the admin settlement list. */
export interface SettlementRow {
  eventId: string;
  title: string;
  endedAt: string | null;
  settledAt: string | null;
  /** When the window settles it automatically (ISO), null when settled. */
  dueAt: string | null;
  payouts: { hostUserId: string; hostName: string; amountCents: number; currency: string; status: string; transferId: string | null }[];
}

/** Admin: ended shows (newest first, at most 100) with their settlement and payouts. Throws UNAUTHENTICATED, FORBIDDEN. */
export async function listSettlements(deps: PayoutDeps, input: { actor: Actor | null }): Promise<SettlementRow[]> {
  requireRole(input.actor, ["admin"]);
  const events = await deps.db.event.findMany({ where: { status: "ended" }, orderBy: { endedAt: "desc" }, take: 100, select: { id: true, title: true, endedAt: true } });
  const ids = events.map((e) => e.id);
  const settlements = new Map((await deps.db.eventSettlement.findMany({ where: { eventId: { in: ids } } })).map((s) => [s.eventId, s.settledAt]));
  const payouts = await deps.db.payout.findMany({ where: { eventId: { in: ids } }, orderBy: { seq: "asc" } });
  const names = new Map((await deps.db.user.findMany({ where: { id: { in: [...new Set(payouts.map((p) => p.hostUserId))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return events.map((e) => {
    const settledAt = settlements.get(e.id) ?? null;
    return {
      eventId: e.id,
      title: e.title,
      endedAt: e.endedAt?.toISOString() ?? null,
      settledAt: settledAt?.toISOString() ?? null,
      dueAt: !settledAt && e.endedAt ? new Date(e.endedAt.getTime() + deps.settlementWindowMs).toISOString() : null,
      payouts: payouts
        .filter((p) => p.eventId === e.id)
        .map((p) => ({ hostUserId: p.hostUserId, hostName: names.get(p.hostUserId) ?? p.hostUserId, amountCents: p.amountCents, currency: p.currency, status: p.status, transferId: p.transferId })),
    };
  });
}
