/**
 * Plain shapes the storefront pages render. No Prisma type crosses into a page:
 * dates are Date objects created here, money is integer cents + currency.
 */
import type { EventStatus } from "@limelight/domain/events/status";

/** One host of an event as pages show it; shareBps in basis points. */
export interface HostView {
  userId: string;
  name: string;
  shareBps: number;
}

/** An event card on the schedule and in lists. */
export interface EventSummary {
  id: string;
  slug: string;
  title: string;
  status: EventStatus;
  startsAt: Date;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  capacity: number;
  seatsLeft: number;
  contentWarning: string | null;
  posterUrl: string | null;
  /** Uploaded poster key (src/server/artwork); null → the default poster. */
  posterKey: string | null;
  hosts: HostView[];
}

/** The full event as the admin edit form needs it. */
export interface EventDetail extends EventSummary {
  description: string;
  replayWindowHours: number;
  seatsTaken: number;
}

interface EventRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  status: string;
  startsAt: Date;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  capacity: number;
  seatsTaken: number;
  contentWarning: string | null;
  posterUrl: string | null;
  posterKey: string | null;
  replayWindowHours: number;
  hosts: { userId: string; shareBps: number; user: { name: string } }[];
}

/** Prisma `include` that loads what toEventDetail needs. */
export const eventInclude = { hosts: { include: { user: { select: { name: true } } }, orderBy: { shareBps: "desc" } } } as const;

/** Maps an event row (with hosts and their names) to EventDetail. */
export function toEventDetail(row: EventRow): EventDetail {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    status: row.status as EventStatus,
    startsAt: new Date(row.startsAt),
    durationMinutes: row.durationMinutes,
    priceCents: row.priceCents,
    currency: row.currency,
    capacity: row.capacity,
    seatsTaken: row.seatsTaken,
    seatsLeft: Math.max(0, row.capacity - row.seatsTaken),
    contentWarning: row.contentWarning,
    posterUrl: row.posterUrl,
    posterKey: row.posterKey,
    replayWindowHours: row.replayWindowHours,
    hosts: row.hosts.map((h) => ({ userId: h.userId, name: h.user.name, shareBps: h.shareBps })),
  };
}
