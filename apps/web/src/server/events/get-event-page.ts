import type { Db } from "@limelight/db";
import { AppError, type Actor } from "@limelight/domain";
import { canOpenStudio } from "@limelight/domain/access/can-open-studio";
import { canViewEvent } from "@limelight/domain/access/can-view-event";
import { openReplayUntil } from "@limelight/domain/access/replay-access";
import { isBuyable } from "@limelight/domain/events/status";
import { eventInclude, toEventDetail, type EventDetail } from "./views";

/** Everything the event page shows for one visitor. */
export interface EventPageView {
  event: EventDetail;
  /** The visitor's valid ticket id, if any. */
  myTicketId: string | null;
  /** Buy button shown: buyable status, seats left, no ticket yet, not a host. */
  canBuy: boolean;
  /** Watch button shown: ticket holder (or host/admin) and the show is live. */
  canWatch: boolean;
  /** Studio link shown (hosts and admins). */
  canOpenStudio: boolean;
  /** End of the replay window (ms since the epoch) when the visitor may watch the replay now, else null. */
  replayUntil: number | null;
}

/**
 * Loads the event page for `slug` as seen by `actor` (null: signed out).
 * Throws AppError NOT_FOUND for an unknown slug or a draft the visitor may not see.
 */
export async function getEventPage(db: Db, actor: Actor | null, slug: string): Promise<EventPageView> {
  const row = await db.event.findUnique({ where: { slug }, include: eventInclude });
  if (!row) throw new AppError("NOT_FOUND", "No such show");
  const event = toEventDetail(row);
  const hostUserIds = event.hosts.map((h) => h.userId);
  if (!canViewEvent(actor, { status: event.status, hostUserIds })) throw new AppError("NOT_FOUND", "No such show");
  const ticket = actor ? await db.ticket.findFirst({ where: { eventId: event.id, userId: actor.userId, status: "valid" } }) : null;
  const isHost = actor ? hostUserIds.includes(actor.userId) : false;
  const privileged = isHost || actor?.role === "admin";
  return {
    event,
    myTicketId: ticket?.id ?? null,
    canBuy: isBuyable(event.status) && event.seatsLeft > 0 && !ticket && !isHost,
    canWatch: event.status === "live" && (ticket !== null || privileged),
    canOpenStudio: canOpenStudio(actor, { hostUserIds, status: event.status }),
    replayUntil: ticket !== null || privileged ? openReplayUntil(row, Date.now()) : null,
  };
}
