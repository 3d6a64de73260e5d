import { describe, expect, it } from "vitest";
import { defaultScalingConfig } from "./config";
import { piecewise, type LoadCurve } from "./load-curves";
import { oracle, simulate } from "./simulate";

const MIN = 60_000;
const HOUR = 60 * MIN;
const TICK = 15_000;
const hourly = defaultScalingConfig.hourlyCostCents;

/** One show of `viewers` from t = 0 to `endsAt` (ms), every ticket holder watching. */
const flat = (viewers: number, endsAt = HOUR, durationMs = 2 * HOUR): LoadCurve => ({
  name: "flat",
  durationMs,
  shows: [{ eventId: "flat", startsAt: 0, endsAt, ticketsAt: () => viewers, viewersAt: (t) => (t < endsAt ? viewers : 0) }],
});

describe("oracle", () => {
  it("counts just enough edges for the HLS viewers above the WebRTC threshold, for as long as they watch", () => {
    const allHls = { ...defaultScalingConfig, webrtcViewersPerShow: 0 };
    const twoEdges = oracle(flat(150), allHls, TICK);
    expect(twoEdges.edgeHours).toBeCloseTo(2, 9);
    expect(twoEdges.costCents).toBeCloseTo(2 * hourly, 9);
    expect(oracle(flat(150), { ...allHls, webrtcViewersPerShow: 50 }, TICK).edgeHours).toBeCloseTo(1, 9);
    expect(oracle(flat(40), { ...allHls, webrtcViewersPerShow: 50 }, TICK).edgeHours).toBe(0);
    expect(oracle(flat(150, 30 * MIN), allHls, TICK).edgeHours).toBeCloseTo(1, 9);
  });
});

describe("simulate", () => {
  const world = { tickMs: TICK, bootMs: 2 * MIN, drainChurnPerMinute: 0.1 };
  const config = { ...defaultScalingConfig, webrtcViewersPerShow: 0 };

  it("turns viewers away only while the first edges boot, then carries them and lets them go as their paid hour ends with the show", () => {
    const result = simulate(flat(150), { ...world, config });
    expect(result.curve).toBe("flat");
    expect(result.samples).toHaveLength((2 * HOUR) / TICK);
    expect(result.samples.map((s) => s.t).slice(0, 3)).toEqual([0, TICK, 2 * TICK]);
    // Nothing runs before the show (it starts at 0): 150 viewers wait for two edges to boot (2 min = 8 ticks of 15 s).
    const booting = result.samples.filter((s) => s.t < world.bootMs);
    expect(booting).toHaveLength(8);
    expect(booting.every((s) => s.turnedAway === 150 && s.ready === 0 && s.active === 2 && s.billed === 2)).toBe(true);
    expect(result.viewerSecondsTurnedAway).toBe(8 * 15 * 150);
    expect(result.viewerSecondsTurnedAwayAfterStart).toBe(8 * 15 * 150);
    const served = result.samples.filter((s) => s.t >= world.bootMs && s.t < HOUR);
    expect(served.every((s) => s.turnedAway === 0 && s.ready === 2 && s.hlsDemand === 150 && s.desired === 2)).toBe(true);
    expect(result.samples.filter((s) => s.t >= HOUR).every((s) => s.hlsDemand === 0)).toBe(true);

    expect(result.creates).toBe(2);
    expect(result.deletes).toBe(2);
    expect(result.deletedWithViewers).toBe(0);
    expect(result.flaps).toBe(0);
    expect(result.maxBilledEdges).toBe(2);
    expect(result.maxHourlyCostCents).toBeCloseTo(2 * hourly, 9);
    expect(result.samples.every((s) => s.hourlyCostCents === s.billed * hourly)).toBe(true);
    // The show ends exactly as both edges' first paid hour does: both are deleted in that tick (outside the
    // stabilisation window and the scale-in step), so no second hour is bought: what the oracle pays.
    expect(result.samples.filter((s) => s.t < HOUR).every((s) => s.billed === 2)).toBe(true);
    expect(result.samples.filter((s) => s.t >= HOUR).every((s) => s.billed === 0)).toBe(true);
    expect(result.edgeHours).toBeCloseTo(2, 9);
    expect(result.costCents).toBeCloseTo(2 * hourly, 9);
    expect(result.costCents).toBeCloseTo(oracle(flat(150), config, TICK).costCents, 9);
  });

  it("keeps idle edges through the hour already paid, drains them near its end and deletes them before another starts", () => {
    // The show ends 10 min into the edges' second paid hour: that hour is bought whatever the policy does.
    const result = simulate(flat(150, 70 * MIN, 150 * MIN), { ...world, config });
    const at = (t: number) => result.samples.find((s) => s.t === t)!;
    // Idle but paid: both stay in service (free to serve a returning audience) until drainBeforeHourEndMs is left.
    const paidIdle = result.samples.filter((s) => s.t >= 70 * MIN && s.t < 2 * HOUR - config.drainBeforeHourEndMs);
    expect(paidIdle.every((s) => s.hlsDemand === 0 && s.active === 2 && s.draining === 0)).toBe(true);
    // One scale-in step per tick from 10 min before the hour ends, deleted once deleteBeforeHourEndMs is left.
    expect(at(2 * HOUR - config.drainBeforeHourEndMs)).toMatchObject({ active: 1, draining: 1, billed: 2 });
    expect(at(2 * HOUR - config.drainBeforeHourEndMs + TICK)).toMatchObject({ active: 0, draining: 2, billed: 2 });
    expect(at(2 * HOUR - config.deleteBeforeHourEndMs - TICK).billed).toBe(2);
    expect(result.samples.filter((s) => s.t >= 2 * HOUR - config.deleteBeforeHourEndMs).every((s) => s.billed === 0)).toBe(true);
    expect(result).toMatchObject({ creates: 2, deletes: 2, deletedWithViewers: 0, flaps: 0 });
    // Two started hours each, never a third.
    expect(result.edgeHours).toBeCloseTo((2 * (2 * HOUR - config.deleteBeforeHourEndMs)) / HOUR, 9);
    expect(result.costCents).toBeCloseTo(4 * hourly, 9);
  });

  it("deletes a local edge whose viewers never leave only after the longest drain, and counts it", () => {
    // 250 viewers for half an hour, then 50 until the end at 2 h: scale-in drains edges that still carry viewers.
    const viewersAt = piecewise([
      [0, 250],
      [30 * MIN, 250],
      [30 * MIN + 1, 50],
    ]);
    const curve: LoadCurve = {
      name: "drop",
      durationMs: 3 * HOUR,
      shows: [{ eventId: "drop", startsAt: 0, endsAt: 2 * HOUR, ticketsAt: () => 250, viewersAt: (t) => Math.round(viewersAt(t)) }],
    };
    // Local edges (no hourly billing): scale-in drains at any time, so only maxDrainMs ends a drain that never empties.
    const noRushConfig = { ...config, rushWindowMs: 0, hourlyBilling: false };
    const stubborn = simulate(curve, { ...world, drainChurnPerMinute: 0, config: noRushConfig });
    expect(stubborn.deletedWithViewers).toBeGreaterThan(0);
    const firstDrain = stubborn.samples.find((s) => s.draining > 0);
    const firstDelete = stubborn.samples.find((s, i) => i > 0 && s.billed < stubborn.samples[i - 1]!.billed);
    expect(firstDrain).toBeDefined();
    expect(firstDelete!.t - firstDrain!.t).toBeGreaterThanOrEqual(noRushConfig.maxDrainMs);

    const leaving = simulate(curve, { ...world, drainChurnPerMinute: 0.5, config: noRushConfig });
    expect(leaving.deletedWithViewers).toBe(0);
    expect(leaving.deletes).toBeGreaterThan(0);
    expect(leaving.viewerSecondsTurnedAwayAfterStart).toBe(stubborn.viewerSecondsTurnedAwayAfterStart);

    // Hourly billing: the two spare edges are drained only 10 min before their paid hour ends and deleted with
    // 1 min left, viewers or not (maxDrainMs never comes first); the third carries the 50 to the end.
    const billedConfig = { ...noRushConfig, hourlyBilling: true };
    const billed = simulate(curve, { ...world, drainChurnPerMinute: 0, config: billedConfig });
    const billedDrain = billed.samples.find((s) => s.draining > 0)!;
    expect(billedDrain.t).toBe(HOUR - billedConfig.drainBeforeHourEndMs);
    const billedDelete = billed.samples.find((s, i) => i > 0 && s.billed < billed.samples[i - 1]!.billed)!;
    expect(billedDelete).toMatchObject({ t: HOUR - billedConfig.deleteBeforeHourEndMs, billed: 1 });
    expect(billed.deletedWithViewers).toBe(2);
    // 1 started hour for each spare edge, 2 for the one deleted as the show ends at 2 h.
    expect(billed.costCents).toBeCloseTo(4 * hourly, 9);
  });
});
