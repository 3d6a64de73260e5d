import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteDatabase } from "@limelight/testkit";
import { EVENT_STATUSES, EVENT_TRANSITIONS, type EventStatus } from "@limelight/domain/events/status";
import { createDb, type Db } from "../index";
import { createEvent } from "../seed/factories";
import { markEventLive, transitionEventStatus, transitionEventStatusFromCurrent } from "./transition-event-status";

let db: Db;

beforeAll(() => {
  db = createDb(createSqliteDatabase());
});

afterAll(async () => {
  await db?.$disconnect();
});

async function eventIn(status: EventStatus) {
  return createEvent(db, { status });
}

async function statusOf(eventId: string) {
  return (await db.event.findUniqueOrThrow({ where: { id: eventId } })).status;
}

const illegal = EVENT_STATUSES.flatMap((from) => EVENT_STATUSES.filter((to) => !EVENT_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const));
const legal = EVENT_STATUSES.flatMap((from) => EVENT_TRANSITIONS[from].map((to) => [from, to] as const));

describe("transitionEventStatus: the one event-status write", () => {
  it.each(illegal)("refuses %s → %s with INVALID_TRANSITION and leaves the event as it was", async (from, to) => {
    const event = await eventIn(from);
    await expect(transitionEventStatus(db, { eventId: event.id, from, to })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await statusOf(event.id)).toBe(from);
  });

  it.each(legal)("moves %s → %s", async (from, to) => {
    const event = await eventIn(from);
    expect(await transitionEventStatus(db, { eventId: event.id, from, to })).toBe(true);
    expect(await statusOf(event.id)).toBe(to);
  });

  it("writes only when the event is still in `from`: a stale writer changes nothing", async () => {
    const event = await eventIn("on_sale");
    expect(await transitionEventStatus(db, { eventId: event.id, from: "on_sale", to: "live" })).toBe(true);
    // A second writer that read "on_sale" before the first one wrote.
    expect(await transitionEventStatus(db, { eventId: event.id, from: "on_sale", to: "cancelled" })).toBe(false);
    expect(await statusOf(event.id)).toBe("live");
  });

  it("stamps liveAt on going live and endedAt on ending, at the given time", async () => {
    const event = await eventIn("on_sale");
    const liveAt = new Date("2030-01-01T20:00:00Z");
    const endedAt = new Date("2030-01-01T21:30:00Z");
    await transitionEventStatus(db, { eventId: event.id, from: "on_sale", to: "live", at: liveAt });
    await transitionEventStatus(db, { eventId: event.id, from: "live", to: "ended", at: endedAt });
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.liveAt?.toISOString()).toBe(liveAt.toISOString());
    expect(stored.endedAt?.toISOString()).toBe(endedAt.toISOString());
  });

  it("from the current status: moves on_sale → cancelled, refuses ended → on_sale, NOT_FOUND for no event", async () => {
    const onSale = await eventIn("on_sale");
    expect(await transitionEventStatusFromCurrent(db, onSale.id, "cancelled")).toBe("on_sale");
    expect(await statusOf(onSale.id)).toBe("cancelled");
    const ended = await eventIn("ended");
    await expect(transitionEventStatusFromCurrent(db, ended.id, "on_sale")).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    await expect(transitionEventStatusFromCurrent(db, "no-such-event", "live")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("markEventLive: a host opens the show", () => {
  it("makes an on-sale event live", async () => {
    const event = await eventIn("on_sale");
    expect(await markEventLive(db, event.id)).toBe(true);
    expect(await statusOf(event.id)).toBe("live");
  });

  it("never makes a draft live", async () => {
    const event = await eventIn("draft");
    await expect(markEventLive(db, event.id)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await statusOf(event.id)).toBe("draft");
  });

  it("leaves a live event live (a re-opened show) and refuses ended or cancelled ones", async () => {
    const live = await eventIn("live");
    expect(await markEventLive(db, live.id)).toBe(false);
    expect(await statusOf(live.id)).toBe("live");
    for (const status of ["ended", "cancelled"] as const) {
      const event = await eventIn(status);
      await expect(markEventLive(db, event.id)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
      expect(await statusOf(event.id)).toBe(status);
    }
  });
});
