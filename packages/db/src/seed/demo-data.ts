/**
 * The demo data set: an admin, two performers, a viewer, a show on sale later
 * today and one starting now, opened by the demo encoder (the viewer holds a comp ticket to it). Idempotent:
 * users are matched by email and shows by slug, and show times are refreshed
 * relative to now on every run.
 */
import type { Db } from "../index";
import { createTicket, upsertEvent, upsertUser } from "./factories";

/** One demo account (email, password, role) as printed for people trying the demo. */
export interface DemoAccount {
  email: string;
  password: string;
  role: "viewer" | "performer" | "admin";
  name: string;
}

/** The demo accounts. Passwords are public: demo only. */
export const DEMO_ACCOUNTS = {
  admin: { email: "admin@limelight.demo", password: "demo-admin-pass", role: "admin", name: "Avery Admin" },
  ada: { email: "ada@limelight.demo", password: "demo-performer-pass", role: "performer", name: "Ada Lovelace Trio" },
  ben: { email: "ben@limelight.demo", password: "demo-performer-pass", role: "performer", name: "Ben Sonic" },
  viewer: { email: "viewer@limelight.demo", password: "demo-viewer-pass", role: "viewer", name: "Vera Viewer" },
} as const satisfies Record<string, DemoAccount>;

/** Slugs of the demo shows. */
export const DEMO_SLUGS = { live: "demo-live-now", tonight: "demo-tonight", free: "demo-open-rehearsal", replay: "demo-last-night" } as const;

/** What seedDemo created or refreshed. */
export interface DemoSeedResult {
  accounts: DemoAccount[];
  liveEventId: string;
  tonightEventId: string;
  /** The ended show whose replay the demo records once (infra/scripts/demo.sh). */
  replayEventId: string;
}

/** Creates or refreshes the demo data set in `db`. `now` is ms since the epoch. */
export async function seedDemo(db: Db, now: number = Date.now()): Promise<DemoSeedResult> {
  await upsertUser(db, DEMO_ACCOUNTS.admin);
  const ada = await upsertUser(db, DEMO_ACCOUNTS.ada);
  const ben = await upsertUser(db, DEMO_ACCOUNTS.ben);
  const viewer = await upsertUser(db, DEMO_ACCOUNTS.viewer);

  const live = await upsertEvent(db, {
    slug: DEMO_SLUGS.live,
    title: "Ada & Ben: Live Session",
    description: "Two performers, one stage, mixed live. Grab a ticket and join in.",
    // On sale and inside its go-live window: the demo's encoder (ffmpeg, publishing with the stream key as OBS would) opens it.
    status: "on_sale",
    startsAt: new Date(now - 10 * 60_000),
    durationMinutes: 90,
    priceCents: 1200,
    capacity: 200,
    hosts: [
      { userId: ada.id, shareBps: 6000 },
      { userId: ben.id, shareBps: 4000 },
    ],
  });
  const later = new Date(now + 3 * 3600_000);
  const tonight = await upsertEvent(db, {
    slug: DEMO_SLUGS.tonight,
    title: "Midnight Strings (late show)",
    description: "A late acoustic set. Contains strobe lighting.",
    status: "on_sale",
    startsAt: later,
    durationMinutes: 60,
    priceCents: 900,
    capacity: 50,
    contentWarning: "Strobe lighting and loud music",
    hosts: [{ userId: ada.id, shareBps: 10_000 }],
  });
  await upsertEvent(db, {
    slug: DEMO_SLUGS.free,
    title: "Open Rehearsal (free)",
    description: "Ben works through tomorrow's set. Free to watch: claim a ticket, no payment.",
    status: "on_sale",
    startsAt: new Date(now + 26 * 3600_000),
    durationMinutes: 45,
    priceCents: 0,
    capacity: 500,
    hosts: [{ userId: ben.id, shareBps: 10_000 }],
  });
  const lastNight = await upsertEvent(db, {
    slug: DEMO_SLUGS.replay,
    title: "Last Night: Warm-up Jam",
    description: "Missed it? Ticket holders can watch the replay for 48 hours after the show.",
    status: "ended",
    startsAt: new Date(now - 2 * 3600_000),
    durationMinutes: 30,
    priceCents: 500,
    capacity: 100,
    replayWindowHours: 48,
    hosts: [{ userId: ada.id, shareBps: 10_000 }],
  });
  await db.event.update({ where: { id: lastNight.id }, data: { endedAt: new Date(now - 30 * 60_000) } });
  await createTicket(db, { eventId: live.id, userId: viewer.id, source: "comp" });
  await createTicket(db, { eventId: lastNight.id, userId: viewer.id, source: "comp" });
  return { accounts: Object.values(DEMO_ACCOUNTS), liveEventId: live.id, tonightEventId: tonight.id, replayEventId: lastNight.id };
}
