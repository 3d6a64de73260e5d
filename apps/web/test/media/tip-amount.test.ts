/** The watch page's tip amount parsing: what a viewer may type into the amount box. */
import { describe, expect, it } from "vitest";
import { parseTipAmountCents } from "../../app/watch/[eventId]/tip-amount";

describe("parseTipAmountCents", () => {
  it("turns whole and decimal amounts into cents", () => {
    expect(parseTipAmountCents("5")).toBe(500);
    expect(parseTipAmountCents("5.5")).toBe(550);
    expect(parseTipAmountCents("5.05")).toBe(505);
    expect(parseTipAmountCents(" 12.00 ")).toBe(1200);
    expect(parseTipAmountCents("0.99")).toBe(99);
  });

  it("refuses amounts a person did not mean or the form should not send", () => {
    for (const bad of ["", "  ", "-5", "5,00", "1e3", "5.555", "abc", "5.", ".5", "12345678", "NaN", "Infinity"]) {
      expect(parseTipAmountCents(bad), bad).toBeNull();
    }
    expect(parseTipAmountCents(null)).toBeNull();
    expect(parseTipAmountCents(500)).toBeNull();
  });
});
