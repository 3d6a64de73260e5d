import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteDatabase } from "@limelight/testkit";
import { createDb, type Db } from "../index";
import { DEMO_ACCOUNTS, DEMO_SLUGS, seedDemo } from "./demo-data";

let db: Db;

beforeAll(() => {
  db = createDb(createSqliteDatabase());
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("demo seed", () => {
  it("creates the demo accounts and shows, and running it again changes no counts", async () => {
    const first = await seedDemo(db);
    const counts = async () => ({
      users: await db.user.count(),
      events: await db.event.count(),
      hosts: await db.eventHost.count(),
      tickets: await db.ticket.count(),
    });
    const before = await counts();
    expect(before).toEqual({ users: 4, events: 4, hosts: 5, tickets: 2 });
    const second = await seedDemo(db, Date.now() + 60_000);
    expect(await counts()).toEqual(before);
    expect(second.liveEventId).toBe(first.liveEventId);

    const live = await db.event.findUniqueOrThrow({ where: { slug: DEMO_SLUGS.live }, include: { hosts: true, tickets: true } });
    expect(live.status).toBe("on_sale"); // the demo's encoder opens it (infra/scripts/demo.sh)
    expect(live.startsAt.getTime()).toBeLessThan(Date.now() + 60_000);
    expect(live.hosts.reduce((sum, h) => sum + h.shareBps, 0)).toBe(10_000);
    expect(live.seatsTaken).toBe(1);
    const tonight = await db.event.findUniqueOrThrow({ where: { slug: DEMO_SLUGS.tonight } });
    expect(tonight.status).toBe("on_sale");
    expect(tonight.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db.event.findUniqueOrThrow({ where: { slug: DEMO_SLUGS.free } })).toMatchObject({ status: "on_sale", priceCents: 0 });
    const lastNight = await db.event.findUniqueOrThrow({ where: { slug: DEMO_SLUGS.replay } });
    expect(lastNight).toMatchObject({ status: "ended", replayWindowHours: 48 });
    expect(lastNight.endedAt?.getTime()).toBeLessThan(Date.now());

    for (const account of Object.values(DEMO_ACCOUNTS)) {
      const user = await db.user.findUniqueOrThrow({ where: { email: account.email } });
      expect(user.role).toBe(account.role);
      expect(await bcrypt.compare(account.password, user.passwordHash)).toBe(true);
    }
  });
});
