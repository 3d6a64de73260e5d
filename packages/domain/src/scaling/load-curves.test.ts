import { describe, expect, it } from "vitest";
import { allLoadCurves, fourHourShow, oscillatingShow, overlappingShows, piecewise, seededRandom, walkUpShow, type CurveShow } from "./load-curves";

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("piecewise", () => {
  const f = piecewise([
    [10, 0],
    [20, 100],
    [40, 50],
  ]);

  it("interpolates linearly between points and stays flat outside them", () => {
    expect([0, 10, 15, 20, 30, 40, 100].map(f)).toEqual([0, 0, 50, 100, 75, 50, 50]);
    expect(piecewise([[10, 7]])(0)).toBe(7);
    expect(piecewise([[10, 7]])(20)).toBe(7);
  });

  it("is 0 with no points", () => {
    expect(piecewise([])(5)).toBe(0);
  });
});

describe("seededRandom", () => {
  it("repeats the same sequence for a seed, differs between seeds, and stays in [0, 1)", () => {
    const take = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 1000 }, () => random());
    };
    const a = take(7);
    expect(take(7)).toEqual(a);
    expect(take(8)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(a).size).toBe(1000);
    // Spread over the whole interval, not stuck in a corner of it.
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(a.filter((x) => x < 0.1).length).toBeGreaterThan(50);
    expect(a.filter((x) => x > 0.9).length).toBeGreaterThan(50);
  });
});

const minutes = (show: CurveShow, from: number, to: number) => {
  const out: number[] = [];
  for (let t = from; t < to; t += MIN) out.push(show.viewersAt(t));
  return out;
};

describe("load curves", () => {
  it.each(allLoadCurves().flatMap((curve) => curve.shows.map((show) => ({ curve: curve.name, show, durationMs: curve.durationMs }))))(
    "$curve ($show.eventId): never more viewers than tickets sold, none after the end, and the run outlasts the show",
    ({ show, durationMs }) => {
      expect(show.endsAt).toBeGreaterThan(show.startsAt);
      expect(durationMs).toBeGreaterThan(show.endsAt);
      for (let t = 0; t < durationMs; t += 15_000) {
        const viewers = show.viewersAt(t);
        expect(viewers).toBeGreaterThanOrEqual(0);
        expect(viewers).toBeLessThanOrEqual(show.ticketsAt(t));
        if (t >= show.endsAt) expect(viewers).toBe(0);
      }
    },
  );

  it("the four-hour show: 250 tickets, a rush to 200 in 3 minutes, a peak near 250 after an hour, noise of at most 5 %", () => {
    const curve = fourHourShow();
    const show = curve.shows[0] as CurveShow;
    expect(show.startsAt).toBe(30 * MIN);
    expect(show.endsAt).toBe(show.startsAt + 4 * HOUR);
    expect(curve.durationMs).toBe(show.endsAt + HOUR);
    expect(show.ticketsAt(show.startsAt)).toBe(250);
    expect(show.ticketsAt(0)).toBe(220);
    expect(show.viewersAt(show.startsAt - 10 * MIN)).toBe(0);
    const rush = show.viewersAt(show.startsAt + 3 * MIN);
    expect(rush).toBeGreaterThanOrEqual(190);
    expect(rush).toBeLessThanOrEqual(210);
    const peak = show.viewersAt(show.startsAt + HOUR);
    expect(peak).toBeGreaterThanOrEqual(238);
    expect(peak).toBeLessThanOrEqual(250);
    // Noisy but repeatable: two copies of the curve agree minute by minute, and the noise is there.
    const again = fourHourShow().shows[0] as CurveShow;
    expect(minutes(again, 0, curve.durationMs)).toEqual(minutes(show, 0, curve.durationMs));
    const plateau = minutes(show, show.startsAt + HOUR, show.startsAt + 2 * HOUR);
    expect(new Set(plateau).size).toBeGreaterThan(5);
    expect(Math.min(...plateau)).toBeGreaterThanOrEqual(Math.floor(240 * 0.95));
    // The decline over the last 30 minutes.
    expect(show.viewersAt(show.endsAt - 30 * MIN)).toBeGreaterThan(200);
    expect(show.viewersAt(show.endsAt - 5 * MIN)).toBeLessThan(60);
  });

  it("the walk-up show: 80 tickets at the start, 400 watching after 90 minutes", () => {
    const show = walkUpShow().shows[0] as CurveShow;
    expect(show.ticketsAt(show.startsAt)).toBe(80);
    expect(show.ticketsAt(show.startsAt + 90 * MIN)).toBe(400);
    expect(show.viewersAt(show.startsAt + 90 * MIN)).toBeGreaterThanOrEqual(388);
    expect(show.viewersAt(show.startsAt + 5 * MIN)).toBeLessThanOrEqual(83);
    expect(show.viewersAt(show.startsAt + 5 * MIN)).toBeGreaterThanOrEqual(77);
  });

  it("the oscillating show hovers within 30 viewers of 230 once ramped up", () => {
    const show = oscillatingShow().shows[0] as CurveShow;
    expect(show.viewersAt(show.startsAt - 1)).toBe(0);
    expect(show.viewersAt(show.endsAt)).toBe(0);
    const ramped = minutes(show, show.startsAt + 10 * MIN, show.endsAt);
    expect(Math.min(...ramped)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...ramped)).toBeLessThanOrEqual(260);
    expect(Math.max(...ramped) - Math.min(...ramped)).toBeGreaterThan(50);
    expect(show.viewersAt(show.startsAt + 5 * MIN)).toBeLessThan(140);
  });

  it("two overlapping shows: the second starts while the first peaks", () => {
    const curve = overlappingShows();
    const [first, second] = curve.shows as [CurveShow, CurveShow];
    expect(second.startsAt).toBeGreaterThan(first.startsAt + HOUR);
    expect(second.startsAt).toBeLessThan(first.endsAt);
    expect(second.ticketsAt(second.startsAt)).toBe(300);
    expect(second.viewersAt(second.startsAt + 30 * MIN)).toBeGreaterThanOrEqual(285);
    expect(first.viewersAt(second.startsAt)).toBeGreaterThan(200);
  });
});
