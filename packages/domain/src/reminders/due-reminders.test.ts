import { describe, expect, it } from "vitest";
import { dueReminderKinds } from "./due-reminders";

const start = Date.UTC(2026, 10, 21, 19, 0);
const at = (minutesBefore: number) => start - minutesBefore * 60_000;

describe("show reminders are due", () => {
  it("24 hours before (until an hour before), 15 minutes before, and when the show goes live", () => {
    const onSale = { status: "on_sale", startsAt: start, liveAt: null };
    expect(dueReminderKinds(onSale, at(25 * 60))).toEqual([]);
    expect(dueReminderKinds(onSale, at(24 * 60))).toEqual(["24h"]);
    expect(dueReminderKinds(onSale, at(61))).toEqual(["24h"]);
    expect(dueReminderKinds(onSale, at(30))).toEqual([]);
    expect(dueReminderKinds(onSale, at(15))).toEqual(["15m"]);
    expect(dueReminderKinds(onSale, at(-1))).toEqual([]);
    expect(dueReminderKinds({ status: "live", startsAt: start, liveAt: start }, start + 5 * 60_000)).toEqual(["live"]);
    expect(dueReminderKinds({ status: "live", startsAt: start, liveAt: start }, start + 31 * 60_000)).toEqual([]);
    expect(dueReminderKinds({ status: "cancelled", startsAt: start, liveAt: null }, at(15))).toEqual([]);
  });

  it("closes each window on its boundary, and sends nothing to drafts, ended shows or a live show not yet marked live", () => {
    const onSale = { status: "on_sale", startsAt: start, liveAt: null };
    expect(dueReminderKinds(onSale, at(24 * 60 + 1))).toEqual([]);
    expect(dueReminderKinds(onSale, at(60))).toEqual([]);
    expect(dueReminderKinds(onSale, at(16))).toEqual([]);
    expect(dueReminderKinds(onSale, at(1))).toEqual(["15m"]);
    expect(dueReminderKinds(onSale, at(0))).toEqual([]);
    expect(dueReminderKinds({ status: "live", startsAt: start, liveAt: start }, start + 30 * 60_000)).toEqual(["live"]);
    expect(dueReminderKinds({ status: "live", startsAt: start, liveAt: start }, start + 30 * 60_000 + 1)).toEqual([]);
    expect(dueReminderKinds({ status: "live", startsAt: start, liveAt: null }, start)).toEqual([]);
    for (const status of ["draft", "ended"]) expect(dueReminderKinds({ status, startsAt: start, liveAt: null }, at(15))).toEqual([]);
    expect(dueReminderKinds({ status: "ended", startsAt: start, liveAt: start }, start + 60_000)).toEqual([]);
  });
});
