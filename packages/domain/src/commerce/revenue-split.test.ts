import { describe, expect, it } from "vitest";
import { splitByBasisPoints, validateShares } from "./revenue-split";

const shares = (...bps: number[]) => bps.map((shareBps, i) => ({ key: `h${i}`, shareBps }));

describe("splitByBasisPoints", () => {
  it.each([
    { amount: 1000, bps: [10_000], parts: [1000] },
    { amount: 1000, bps: [5000, 5000], parts: [500, 500] },
    { amount: 1001, bps: [5000, 5000], parts: [501, 500] },
    { amount: 100, bps: [3333, 3333, 3334], parts: [33, 33, 34] },
    { amount: 1, bps: [2500, 2500, 2500, 2500], parts: [1, 0, 0, 0] },
    { amount: 999, bps: [7000, 2000, 1000], parts: [699, 200, 100] },
    { amount: 1999, bps: [6000, 4000], parts: [1199, 800] },
    { amount: 0, bps: [5000, 5000], parts: [0, 0] },
    { amount: -1001, bps: [5000, 5000], parts: [-501, -500] },
    { amount: 1000, bps: [10_000, 0], parts: [1000, 0] },
  ])("splits $amount cents by $bps into $parts", ({ amount, bps, parts }) => {
    const result = splitByBasisPoints(amount, shares(...bps));
    expect(result.map((p) => p.amountCents)).toEqual(parts);
    expect(result.reduce((s, p) => s + p.amountCents, 0)).toBe(amount);
  });

  it("always sums to the gross for many amounts and share sets", () => {
    const sets = [[3333, 3333, 3334], [1, 9999], [2500, 2500, 2500, 2500], [7001, 2999], [1234, 4321, 4445]];
    for (const set of sets) {
      for (let amount = 0; amount < 2000; amount += 7) {
        const parts = splitByBasisPoints(amount, shares(...set));
        expect(parts.reduce((s, p) => s + p.amountCents, 0)).toBe(amount);
        parts.forEach((p, i) => expect(Math.abs(p.amountCents - (amount * (set[i] ?? 0)) / 10_000)).toBeLessThan(1));
      }
    }
  });

  it("gives nothing to split when an event has no hosts", () => {
    expect(splitByBasisPoints(1500, [])).toEqual([]);
  });

  it.each([
    { bps: [5000, 4000], message: /sum to 10,000/ },
    { bps: [2000, 2000, 2000, 2000, 2000], message: /at most four/ },
    { bps: [10_500, -500], message: /between 0 and 10,000/ },
    { bps: [5000.5, 4999.5], message: /whole number/ },
  ])("refuses shares $bps", ({ bps, message }) => {
    expect(() => validateShares(bps)).toThrow(message);
  });

  it("refuses a fractional amount of cents", () => {
    expect(() => splitByBasisPoints(10.5, shares(10_000))).toThrow(/whole number of cents/);
  });
});
