import { describe, expect, it } from "vitest";
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
