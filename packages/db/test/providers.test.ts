import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, createSqliteDatabase, type PostgresServer } from "@limelight/testkit";
import { createDb, providerOf } from "../src/index";

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

describe("the same model on SQLite and PostgreSQL", () => {
  for (const provider of ["sqlite", "postgresql"] as const) {
    it(`keeps an event and its seat count on ${provider}`, async () => {
      const url = provider === "sqlite" ? createSqliteDatabase() : await pg.createDatabase();
      expect(providerOf(url)).toBe(provider);
      const db = createDb(url);
      try {
        const event = await db.event.create({
          data: { slug: "s1", title: "Show", description: "d", startsAt: new Date("2030-01-01T20:00:00Z"), durationMinutes: 90, priceCents: 1500, capacity: 2, streamKey: "k1" },
        });
        // Conditional increment against another column: the oversell guard both dialects must honour.
        const take = () => db.event.updateMany({ where: { id: event.id, seatsTaken: { lt: db.event.fields.capacity } }, data: { seatsTaken: { increment: 1 } } });
        const results = await Promise.all([take(), take(), take()]);
        expect(results.reduce((n, r) => n + r.count, 0)).toBe(2);
        const again = await db.event.findUniqueOrThrow({ where: { id: event.id } });
        expect(again.seatsTaken).toBe(2);
        expect(again.startsAt.toISOString()).toBe("2030-01-01T20:00:00.000Z");
      } finally {
        await db.$disconnect();
      }
    });
  }

  it("refuses an unknown database URL scheme", () => {
    expect(() => createDb("mysql://x")).toThrow(/DATABASE_URL/);
  });
});
