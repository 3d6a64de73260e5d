import { describe, expect, it } from "vitest";
import { AppError } from "../app-error";
import { parseInput } from "../validation";
import { MIN_CHARGE_CENTS, validateChargeAmount } from "../commerce/pricing";
import { CURRENCIES, eventFormSchema, slugify } from "./event-form";
import { hostListSchema, onSaleProblems } from "./hosts";
import { assertTransition, canTransition } from "./status";

const valid = {
  title: "Late Night Jazz",
  description: "Trio from the club",
  posterUrl: "",
  startsAt: "2026-12-01T20:00",
  durationMinutes: "90",
  price: "12.50",
  currency: "USD",
  capacity: "100",
  contentWarning: "  ",
  replayWindowHours: "",
};

function messageOf(input: unknown): string {
  try {
    parseInput(eventFormSchema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error("expected a validation error");
}

describe("event form", () => {
  it("offers exactly the currencies a buyer can be charged in, each down to Stripe's minimum charge", () => {
    for (const currency of CURRENCIES) {
      const form = parseInput(eventFormSchema, { ...valid, currency: currency.toUpperCase(), price: (MIN_CHARGE_CENTS[currency] / 100).toFixed(2) });
      expect(validateChargeAmount(form.price, form.currency)).toBe(currency);
    }
    expect(CURRENCIES).toEqual(Object.keys(MIN_CHARGE_CENTS));
  });

  it("parses an admin's form into cents, UTC start and nulls", () => {
    const form = parseInput(eventFormSchema, valid);
    expect(form).toMatchObject({
      title: "Late Night Jazz",
      price: 1250,
      currency: "usd",
      capacity: 100,
      durationMinutes: 90,
      posterUrl: null,
      contentWarning: null,
      replayWindowHours: 0,
    });
    expect(form.startsAt.toISOString()).toBe("2026-12-01T20:00:00.000Z");
  });

  it("accepts 0 as the price of a free show", () => {
    expect(parseInput(eventFormSchema, { ...valid, price: "0" }).price).toBe(0);
    expect(parseInput(eventFormSchema, { ...valid, price: "0.00" }).price).toBe(0);
  });

  it.each([
    [{ title: "" }, "title: Title is required"],
    [{ price: "abc" }, "price: Price must be an amount like 12 or 12.50"],
    [{ price: "0.10" }, "price: Price must be 0 (a free show) or at least 0.50"],
    [{ capacity: "0" }, "capacity: Capacity must be at least 1"],
    [{ capacity: "ten" }, "capacity: Capacity must be a whole number"],
    [{ capacity: "" }, "capacity: Capacity must be a whole number"],
    [{ startsAt: "not a date" }, "startsAt: Start time must be a date and time"],
    [{ posterUrl: "javascript:alert(1)" }, "posterUrl: Poster URL must be an http(s) URL"],
    [{ currency: "xyz" }, "currency: Choose a currency"],
  ])("rejects %o with a clear message", (patch, message) => {
    expect(messageOf({ ...valid, ...patch })).toBe(message);
  });

  it.each([
    [{ title: "   " }, "title: Title is required"],
    [{ title: undefined }, "title: Title is required"],
    [{ title: "ab" }, "title: Title must be at least 3 characters"],
    [{ title: "x".repeat(121) }, "title: Title must be at most 120 characters"],
    [{ description: "x".repeat(5001) }, "description: Description must be at most 5000 characters"],
    [{ durationMinutes: "4" }, "durationMinutes: Duration (minutes) must be at least 5"],
    [{ durationMinutes: "721" }, "durationMinutes: Duration (minutes) must be at most 720"],
    [{ durationMinutes: "90.5" }, "durationMinutes: Duration (minutes) must be a whole number"],
    [{ capacity: "100001" }, "capacity: Capacity must be at most 100000"],
    [{ price: undefined }, "price: Price is required"],
    [{ price: "1234567" }, "price: Price must be an amount like 12 or 12.50"],
    [{ price: "12.345" }, "price: Price must be an amount like 12 or 12.50"],
    [{ price: "12." }, "price: Price must be an amount like 12 or 12.50"],
    [{ price: "-5" }, "price: Price must be an amount like 12 or 12.50"],
    [{ price: "x12" }, "price: Price must be an amount like 12 or 12.50"],
    [{ price: "12x" }, "price: Price must be an amount like 12 or 12.50"],
    [{ price: "0.49" }, "price: Price must be 0 (a free show) or at least 0.50"],
    [{ startsAt: "" }, "startsAt: Start time must be a date and time"],
    [{ startsAt: "   " }, "startsAt: Start time must be a date and time"],
    [{ startsAt: 1_700_000_000_000 }, "startsAt: Start time must be a date and time"],
    [{ posterUrl: "ftp://example.com/a.png" }, "posterUrl: Poster URL must be an http(s) URL"],
    [{ currency: 5 }, "currency: Choose a currency"],
    [{ contentWarning: "x".repeat(301) }, "contentWarning: Content warning must be at most 300 characters"],
    [{ replayWindowHours: "-1" }, "replayWindowHours: Replay window (hours) must be at least 0"],
    [{ replayWindowHours: "721" }, "replayWindowHours: Replay window (hours) must be at most 720"],
  ])("rejects %o at its limit with a clear message", (patch, message) => {
    expect(messageOf({ ...valid, ...patch })).toBe(message);
  });

  it("accepts every field at its limits and keeps what the admin typed, trimmed", () => {
    const form = parseInput(eventFormSchema, {
      ...valid,
      title: "  Duo  ",
      description: ` ${"d".repeat(5000)} `,
      posterUrl: "https://cdn.example.com/p.png",
      startsAt: " 2026-12-01T20:00 ",
      durationMinutes: " 5 ",
      price: " 0.50 ",
      currency: " Eur ",
      capacity: 100_000,
      contentWarning: "  Strobe lights  ",
      replayWindowHours: "720",
    });
    expect(form).toMatchObject({
      title: "Duo",
      description: "d".repeat(5000),
      posterUrl: "https://cdn.example.com/p.png",
      durationMinutes: 5,
      price: 50,
      currency: "eur",
      capacity: 100_000,
      contentWarning: "Strobe lights",
      replayWindowHours: 720,
    });
    expect(form.startsAt.toISOString()).toBe("2026-12-01T20:00:00.000Z");
    expect(parseInput(eventFormSchema, { ...valid, title: "x".repeat(120), durationMinutes: 720, capacity: "1", contentWarning: "w".repeat(300) })).toMatchObject({
      title: "x".repeat(120),
      durationMinutes: 720,
      capacity: 1,
      contentWarning: "w".repeat(300),
    });
  });

  it("reads prices as typed, numbers included, into exact cents", () => {
    for (const [price, cents] of [["12", 1200], ["12.5", 1250], ["999999.99", 99_999_999], ["0.29", null], [19.99, 1999], [0, 0]] as const) {
      if (cents === null) expect(() => parseInput(eventFormSchema, { ...valid, price })).toThrow();
      else expect(parseInput(eventFormSchema, { ...valid, price }).price).toBe(cents);
    }
  });

  it("reads a start time with a zone in that zone, and takes a Date as it is", () => {
    const at = (startsAt: unknown) => parseInput(eventFormSchema, { ...valid, startsAt }).startsAt.toISOString();
    expect(at("2026-12-01T20:00+02:00")).toBe("2026-12-01T18:00:00.000Z");
    expect(at("2026-12-01T20:00-0500")).toBe("2026-12-02T01:00:00.000Z");
    expect(at("2026-12-01T20:00:00z")).toBe("2026-12-01T20:00:00.000Z");
    expect(at(new Date("2026-12-01T21:30:00Z"))).toBe("2026-12-01T21:30:00.000Z");
  });

  it("leaves description, poster and content warning empty when the form omits them", () => {
    const form = parseInput(eventFormSchema, { ...valid, description: undefined, posterUrl: undefined, contentWarning: undefined, replayWindowHours: undefined });
    expect(form).toMatchObject({ description: "", posterUrl: null, contentWarning: null, replayWindowHours: 0 });
  });

  it.each([
    ["Late Night Jazz!", undefined, "late-night-jazz"],
    ["  --Ünïcode  Title--  ", undefined, "unicode-title"],
    ["A".repeat(59) + " B", undefined, "a".repeat(59)],
    ["A".repeat(70), "x1", "a".repeat(60) + "-x1"],
    ["Show", "", "show"],
    ["Café Crème", "ab12", "cafe-creme-ab12"],
    ["***", undefined, "show"],
  ])("slugify(%s, %s) = %s", (title, suffix, slug) => {
    expect(slugify(title, suffix)).toBe(slug);
  });
});

describe("hosts", () => {
  it.each([
    [[{ userId: "a", shareBps: 10_000 }], null],
    [[{ userId: "a", shareBps: "6000" }, { userId: "b", shareBps: "4000" }], null],
    [[], "Assign at least one host"],
    [[{ userId: "a", shareBps: 5000 }, { userId: "b", shareBps: 4000 }], "Shares must add up to 10,000 bps (now 9,000)"],
    [[{ userId: "a", shareBps: 5000 }, { userId: "a", shareBps: 5000 }], "Each performer can be assigned only once"],
    [["a", "b", "c", "d", "e"].map((userId) => ({ userId, shareBps: 2000 })), "An event can have at most 4 hosts"],
    [[{ userId: "a", shareBps: 0 }, { userId: "b", shareBps: 10_000 }], "Each host's share must be at least 1 bps"],
  ])("host list %j → %s", (hosts, problem) => {
    if (problem === null) expect(parseInput(hostListSchema, hosts).length).toBe(hosts.length);
    else expect(() => parseInput(hostListSchema, hosts)).toThrow(problem);
  });

  it("an event without complete shares cannot go on sale", () => {
    expect(onSaleProblems([])).toEqual(["Assign at least one host before putting the event on sale"]);
    expect(onSaleProblems([{ shareBps: 5000 }])).toEqual(["Host shares must add up to 10,000 bps"]);
    expect(onSaleProblems([{ shareBps: 5000 }, { shareBps: 5000 }])).toEqual([]);
  });
});

describe("status transitions", () => {
  it.each([
    ["draft", "on_sale", true],
    ["draft", "cancelled", true],
    ["draft", "live", false],
    ["on_sale", "live", true],
    ["on_sale", "cancelled", true],
    ["live", "ended", true],
    ["live", "cancelled", false],
    ["ended", "live", false],
    ["cancelled", "on_sale", false],
    ["bogus", "on_sale", false],
  ])("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it("explains a refused transition", () => {
    expect(() => assertTransition("ended", "on_sale")).toThrow("A ended event cannot become on sale");
  });
});

describe("host list messages", () => {
  const problem = (hosts: unknown) => {
    try {
      parseInput(hostListSchema, hosts);
    } catch (error) {
      return (error as AppError).message;
    }
    return null;
  };

  it.each([
    [[{ userId: "  ", shareBps: 10_000 }], "0.userId: Choose a performer"],
    [[{ userId: "a", shareBps: "lots" }], "0.shareBps: Share must be a whole number of basis points"],
    [[{ userId: "a", shareBps: 99.5 }], "0.shareBps: Share must be a whole number of basis points"],
    [[{ userId: "a", shareBps: 10_001 }], "0.shareBps: A share cannot exceed 10,000 bps"],
    [[{ userId: "a", shareBps: 5000 }, { userId: "a", shareBps: 5000 }], "Each performer can be assigned only once"],
    [[{ userId: "a", shareBps: 6000 }, { userId: "b", shareBps: 6000 }], "Shares must add up to 10,000 bps (now 12,000)"],
  ])("%j → %s", (hosts, message) => {
    expect(problem(hosts)).toBe(message);
  });

  it("trims performer ids and reads shares typed as text", () => {
    expect(parseInput(hostListSchema, [{ userId: " a ", shareBps: " 10000 " }])).toEqual([{ userId: "a", shareBps: 10_000 }]);
  });
});

describe("event form: posters and offsets", () => {
  it("accepts a plain-http poster and refuses a scheme that merely contains http", () => {
    expect(parseInput(eventFormSchema, { ...valid, posterUrl: "http://cdn.example.com/p.png" }).posterUrl).toBe("http://cdn.example.com/p.png");
    expect(messageOf({ ...valid, posterUrl: "xhttps://cdn.example.com/p.png" })).toBe("posterUrl: Poster URL must be an http(s) URL");
    expect(messageOf({ ...valid, posterUrl: "httpsx://cdn.example.com/p.png" })).toBe("posterUrl: Poster URL must be an http(s) URL");
  });

  it("reads an offset only at the end of the time, with or without a colon", () => {
    const at = (startsAt: string) => parseInput(eventFormSchema, { ...valid, startsAt }).startsAt.toISOString();
    expect(at("2026-12-01T20:00+0130")).toBe("2026-12-01T18:30:00.000Z");
    expect(at("2026-12-01T20:00:00.000+01:30")).toBe("2026-12-01T18:30:00.000Z");
    expect(at("2026-12-01T20:00:00")).toBe("2026-12-01T20:00:00.000Z");
  });
});
