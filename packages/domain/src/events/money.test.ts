import { describe, expect, it } from "vitest";
import { formatBps, formatMoney, formatPrice } from "./money";

describe("money on pages: one formatter, the event's currency", () => {
  it("formats integer cents in the given currency, any case", () => {
    expect(formatMoney(1250, "usd")).toBe("$12.50");
    expect(formatMoney(800, "EUR")).toBe("€8.00");
    expect(formatMoney(123456, "gbp")).toBe("£1,234.56");
    expect(formatMoney(0, "usd")).toBe("$0.00");
  });

  it("shows a code Intl cannot use as amount and code instead of failing the page", () => {
    expect(formatMoney(1250, "us")).toBe("12.50 US");
    expect(formatMoney(5, "dollars")).toBe("0.05 DOLLARS");
  });

  it("says Free for a zero price and formats other prices as money", () => {
    expect(formatPrice(0, "usd")).toBe("Free");
    expect(formatPrice(1500, "eur")).toBe("€15.00");
  });

  it("formats basis points as a percentage", () => {
    expect(formatBps(2500)).toBe("25%");
    expect(formatBps(3333)).toBe("33.33%");
    expect(formatBps(10_000)).toBe("100%");
  });
});
