import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { eventGoogleCalendarUrl, eventIcs } from "./event-calendar";
import type { EventDetail } from "./views";

const event: EventDetail = {
  id: "evt1",
  slug: "late-show",
  title: "Late show, with commas; and semicolons",
  description: "Songs and stories",
  status: "on_sale",
  startsAt: new Date("2026-11-21T19:30:00Z"),
  durationMinutes: 90,
  priceCents: 1500,
  currency: "usd",
  capacity: 100,
  seatsLeft: 40,
  contentWarning: null,
  posterUrl: null,
  posterKey: null,
  hosts: [],
  replayWindowHours: 0,
  seatsTaken: 60,
};

describe("add to calendar", () => {
  it("builds an .ics that a calendar parser reads back with the show's fields and the watch URL", () => {
    const ics = eventIcs(event, "https://shows.example.com");
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent");
    if (!vevent) throw new Error("no VEVENT");
    const parsed = new ICAL.Event(vevent);
    expect(parsed.summary).toBe(event.title);
    expect(parsed.uid).toBe("evt1@shows.example.com");
    expect(parsed.startDate.toJSDate().toISOString()).toBe("2026-11-21T19:30:00.000Z");
    expect(parsed.endDate.toJSDate().toISOString()).toBe("2026-11-21T21:00:00.000Z");
    expect(parsed.description).toContain("Watch: https://shows.example.com/watch/evt1");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://shows.example.com/watch/evt1");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstSubcomponent("valarm")?.getFirstPropertyValue("trigger")?.toString()).toBe("-PT15M");
  });

  it("marks a cancelled show CANCELLED and links Google Calendar with the same times", () => {
    const vevent = new ICAL.Component(ICAL.parse(eventIcs({ ...event, status: "cancelled" }, "http://localhost:3000"))).getFirstSubcomponent("vevent");
    expect(vevent?.getFirstPropertyValue("status")).toBe("CANCELLED");
    const google = new URL(eventGoogleCalendarUrl(event, "http://localhost:3000"));
    expect(google.searchParams.get("dates")).toBe("20261121T193000Z/20261121T210000Z");
  });
});
