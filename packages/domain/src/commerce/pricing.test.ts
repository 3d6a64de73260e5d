import { describe, expect, it } from "vitest";
import { parseInput } from "../validation";
import { formatMoney } from "../events/money";
import { validateChargeAmount } from "./pricing";
import { holdExpiresAt, isSelling, seatsLeft, SEAT_HOLD_MS } from "./seat-hold";
import { tipInputSchema, validateTipAmount } from "./tip";
import { statementNet, sumLedger } from "./statement";

describe("charge amounts and currencies", () => {
  it.each([
    { cents: 1500, currency: "usd", ok: true },
    { cents: 1500, currency: "USD", ok: true },
    { cents: 50, currency: "eur", ok: true },
    { cents: 49, currency: "usd", ok: false },
    { cents: 30, currency: "gbp", ok: true },
    { cents: 0, currency: "usd", ok: false },
    { cents: 10.5, currency: "usd", ok: false },
    { cents: 1500, currency: "xyz", ok: false },
    { cents: 100_000_000, currency: "usd", ok: false },
  ])("$cents $currency accepted: $ok", ({ cents, currency, ok }) => {
    if (ok) expect(validateChargeAmount(cents, currency)).toBe(currency.toLowerCase());
    else expect(() => validateChargeAmount(cents, currency)).toThrow();
  });

  it("names the minimum in the message", () => {
    expect(() => validateChargeAmount(10, "usd")).toThrow("Amount must be at least $0.50");
  });

  it("formats amounts in the currency", () => {
    expect(formatMoney(123456, "usd")).toBe("$1,234.56");
  });
});

describe("seat holds", () => {
  it("holds a seat for 30 minutes plus a margin, so Stripe's 30-minute minimum for expires_at is met", () => {
    const now = new Date("2030-01-01T20:00:00Z");
    const expires = holdExpiresAt(now);
    expect(expires.getTime() - now.getTime()).toBe(SEAT_HOLD_MS);
    expect(SEAT_HOLD_MS).toBeGreaterThan(30 * 60 * 1000);
  });

  it.each([
    { status: "draft", selling: false },
    { status: "on_sale", selling: true },
    { status: "live", selling: true },
    { status: "ended", selling: false },
    { status: "cancelled", selling: false },
  ])("an event that is $status sells tickets: $selling", ({ status, selling }) => {
    expect(isSelling(status)).toBe(selling);
  });

  it("never reports negative seats left", () => {
    expect(seatsLeft(20, 5)).toBe(15);
    expect(seatsLeft(20, 25)).toBe(0);
  });
});

describe("tips", () => {
  it.each([
    { cents: 100, min: 100, ok: true },
    { cents: 99, min: 100, ok: false },
    { cents: 5000, min: 100, ok: true },
    { cents: 100.5, min: 100, ok: false },
  ])("a tip of $cents with minimum $min accepted: $ok", ({ cents, min, ok }) => {
    if (ok) expect(() => validateTipAmount(cents, min, "usd")).not.toThrow();
    else expect(() => validateTipAmount(cents, min, "usd")).toThrow("A tip must be at least $1.00");
  });

  it("trims the message, drops an empty one and refuses one over 140 characters", () => {
    expect(tipInputSchema.parse({ eventId: "e", amountCents: 500, message: "  bravo " }).message).toBe("bravo");
    expect(tipInputSchema.parse({ eventId: "e", amountCents: 500, message: "   " }).message).toBeUndefined();
    expect(tipInputSchema.safeParse({ eventId: "e", amountCents: 500, message: "x".repeat(141) }).success).toBe(false);
  });
});

describe("statement math", () => {
  it("sums ledger lines per host with refunds negative", () => {
    const { perHost, ledgerNetCents } = sumLedger([
      { hostUserId: "a", sourceType: "ticket", amountCents: 700 },
      { hostUserId: "b", sourceType: "ticket", amountCents: 300 },
      { hostUserId: "a", sourceType: "tip", amountCents: 350 },
      { hostUserId: "a", sourceType: "refund", amountCents: -700 },
    ]);
    expect(perHost.get("a")).toBe(350);
    expect(perHost.get("b")).toBe(300);
    expect(ledgerNetCents).toBe(650);
    expect(statementNet(3000, 500, 1000)).toBe(2500);
  });
});

describe("tip form and charge limits", () => {
  const tip = (patch: Record<string, unknown>) => {
    try {
      return parseInput(tipInputSchema, { eventId: "e1", amountCents: 500, ...patch });
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each([
    [{ eventId: "" }, "eventId: Event is required"],
    [{ amountCents: "500" }, "amountCents: Amount must be a number"],
    [{ amountCents: 500.5 }, "amountCents: Amount must be a whole number of cents"],
    [{ amountCents: 0 }, "amountCents: Amount must be positive"],
    [{ amountCents: -100 }, "amountCents: Amount must be positive"],
    [{ message: "x".repeat(141) }, "message: Message must be at most 140 characters"],
  ])("refuses the tip form %o with %s", (patch, message) => {
    expect(tip(patch)).toBe(message);
  });

  it("accepts a 140-character message (after trimming) and a tip without one", () => {
    expect(tip({ message: ` ${"x".repeat(140)} ` })).toEqual({ eventId: "e1", amountCents: 500, message: "x".repeat(140) });
    expect(tip({})).toEqual({ eventId: "e1", amountCents: 500 });
    expect(tip({ amountCents: 1 })).toMatchObject({ amountCents: 1 });
  });

  it("caps tips and charges at 999,999.99 and names the cap in the currency", () => {
    expect(() => validateTipAmount(99_999_999, 100, "usd")).not.toThrow();
    expect(() => validateTipAmount(100_000_000, 100, "eur")).toThrow("A tip must be at most €999,999.99");
    expect(validateChargeAmount(99_999_999, "usd")).toBe("usd");
    expect(() => validateChargeAmount(100_000_000, "gbp")).toThrow("Amount must be at most £999,999.99");
  });

  it("names the currency's own minimum and refuses fractional cents and unknown currencies with a reason", () => {
    expect(() => validateChargeAmount(29, "gbp")).toThrow("Amount must be at least £0.30");
    expect(validateChargeAmount(50, "aud")).toBe("aud");
    expect(validateChargeAmount(50, "CAD")).toBe("cad");
    expect(() => validateChargeAmount(49, "cad")).toThrow("Amount must be at least CA$0.50");
    expect(() => validateChargeAmount(1500.5, "usd")).toThrow("Amount must be a whole number of cents");
    expect(() => validateChargeAmount(1500, "xyz")).toThrow("Currency must be one of usd, eur, gbp, cad, aud");
    expect(() => validateChargeAmount(1500, "toString")).toThrow("Currency must be one of usd, eur, gbp, cad, aud");
    expect(() => validateTipAmount(99, 100, "gbp")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", message: "A tip must be at least £1.00" }));
  });
});
