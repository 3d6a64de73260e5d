import { describe, expect, it } from "vitest";
import { countdownParts, formatCountdown, googleCalendarUrl, ticketsLeftNotice } from "./selling";

describe("event page selling rules", () => {
  it("says how many tickets are left only when fewer than 20% remain", () => {
    expect(ticketsLeftNotice(30, 100)).toBeNull();
    expect(ticketsLeftNotice(20, 100)).toBeNull();
    expect(ticketsLeftNotice(19, 100)).toBe("19 tickets left");
    expect(ticketsLeftNotice(1, 100)).toBe("1 ticket left");
    expect(ticketsLeftNotice(0, 100)).toBe("Sold out");
  });

  it("counts down in days, hours, minutes and seconds and stops at zero", () => {
    expect(formatCountdown(countdownParts((2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000 + 999))).toBe("2d 03:04:05");
    expect(formatCountdown(countdownParts(59_000))).toBe("00:00:59");
    expect(countdownParts(-5000)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it("links a Google Calendar template with the start and end in UTC", () => {
    const url = new URL(googleCalendarUrl({ title: "Late show", startsAt: new Date("2026-11-21T19:00:00Z"), durationMinutes: 90, details: "Watch: x", location: "https://l/watch/1" }));
    expect(url.searchParams.get("action")).toBe("TEMPLATE");
    expect(url.searchParams.get("dates")).toBe("20261121T190000Z/20261121T203000Z");
    expect(url.searchParams.get("location")).toBe("https://l/watch/1");
  });

  it("shows nothing for an event without capacity, and sold out when oversold", () => {
    expect(ticketsLeftNotice(5, 0)).toBeNull();
    expect(ticketsLeftNotice(-2, 100)).toBe("Sold out");
    expect(ticketsLeftNotice(2, 10)).toBeNull();
    expect(ticketsLeftNotice(1, 10)).toBe("1 ticket left");
  });

  it("splits a countdown at each unit's boundary", () => {
    expect(countdownParts(86_400_000)).toEqual({ days: 1, hours: 0, minutes: 0, seconds: 0 });
    expect(countdownParts(86_399_999)).toEqual({ days: 0, hours: 23, minutes: 59, seconds: 59 });
    expect(countdownParts(3_600_000)).toEqual({ days: 0, hours: 1, minutes: 0, seconds: 0 });
    expect(countdownParts(61_000)).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 1 });
    expect(formatCountdown({ days: 0, hours: 10, minutes: 0, seconds: 7 })).toBe("10:00:07");
    expect(formatCountdown({ days: 1, hours: 0, minutes: 0, seconds: 0 })).toBe("1d 00:00:00");
  });

  it("puts the title and details in the calendar link, with seconds in its times", () => {
    const url = new URL(googleCalendarUrl({ title: "Late & loud", startsAt: new Date("2026-11-21T19:00:30.250Z"), durationMinutes: 1, details: "Bring: ears", location: "" }));
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(url.searchParams.get("text")).toBe("Late & loud");
    expect(url.searchParams.get("details")).toBe("Bring: ears");
    expect(url.searchParams.get("dates")).toBe("20261121T190030Z/20261121T190130Z");
  });
});
