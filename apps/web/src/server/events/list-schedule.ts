import type { Db } from "@limelight/db";
import { eventInclude, toEventDetail, type EventSummary } from "./views";

/**
 * The public schedule: shows live now, then shows on sale whose end is still
 * ahead, soonest first (at most `limit`, default 100).
 */
export async function listSchedule(db: Db, now: Date = new Date(), limit = 100): Promise<{ live: EventSummary[]; upcoming: EventSummary[] }> {
  const rows = await db.event.findMany({
    where: { status: { in: ["live", "on_sale"] } },
    include: eventInclude,
    orderBy: { startsAt: "asc" },
    take: limit,
  });
  const events = rows.map(toEventDetail);
  return {
    live: events.filter((e) => e.status === "live"),
    upcoming: events.filter((e) => e.status === "on_sale" && e.startsAt.getTime() + e.durationMinutes * 60_000 > now.getTime()),
  };
}
