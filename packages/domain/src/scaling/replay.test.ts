import { describe, expect, it } from "vitest";
import { billedCents, billedHours, hourlyCostCents } from "./billing";
import { defaultScalingConfig, type ScalingConfig } from "./config";
import { fourHourShow, intermissionShow, oscillatingShow, overlappingShows, walkUpShow, type LoadCurve } from "./load-curves";
import { budgetEdges } from "./policy";
import { learnedShowUpRates, learnedStartShowUpRates, simulate } from "./simulate";

const MIN = 60_000;
const world = { tickMs: 15_000, bootMs: 2 * MIN, drainChurnPerMinute: 0.1 };

const cases: { name: string; curve: () => LoadCurve; config: Partial<ScalingConfig> }[] = [
  { name: "four-hour show peaking at 250 with a rush", curve: fourHourShow, config: {} },
  { name: "four-hour show, no WebRTC slots (all viewers on edges)", curve: fourHourShow, config: { webrtcViewersPerShow: 0 } },
  { name: "walk-up audience growing past tickets sold at start", curve: walkUpShow, config: {} },
  { name: "audience oscillating around an edge boundary", curve: oscillatingShow, config: {} },
  { name: "two overlapping shows", curve: overlappingShows, config: {} },
  { name: "intermission", curve: intermissionShow, config: {} },
  { name: "four-hour show on slow boots (5 min) with a 20 min lead", curve: fourHourShow, config: { leadTimeMs: 20 * MIN } },
];

describe("scaling policy replays", () => {
  it.each(cases)("$name: no viewer turned away after start, no flapping, caps and budget respected", ({ curve, config }) => {
    const cfg = { ...defaultScalingConfig, ...config };
    const bootMs = config.leadTimeMs === 20 * MIN ? 5 * MIN : world.bootMs;
    const result = simulate(curve(), { ...world, bootMs, config: cfg });

    expect(result.creates).toBeGreaterThan(0);
    expect(result.viewerSecondsTurnedAwayAfterStart).toBe(0);
    expect(result.flaps).toBe(0);
    expect(result.maxBilledEdges).toBeLessThanOrEqual(cfg.maxEdges);
    expect(result.maxHourlyCostCents).toBeLessThanOrEqual(cfg.budgetCentsPerHour);
    // After the last show everything is drained and deleted.
    expect(result.samples.at(-1)?.billed).toBe(0);
  });

  it("pre-warms the four-hour show: enough edges are ready at the scheduled start", () => {
    const curve = fourHourShow();
    const show = curve.shows[0]!;
    const result = simulate(curve, { ...world, config: defaultScalingConfig });
    const atStart = result.samples.find((s) => s.t === show.startsAt)!;
    const peakHls = Math.max(...result.samples.map((s) => s.hlsDemand));
    expect(atStart.ready * defaultScalingConfig.viewersPerEdge).toBeGreaterThanOrEqual(peakHls);
    // ...but not absurdly early: nothing runs before the lead window.
    const beforeLead = result.samples.filter((s) => s.t < show.startsAt - defaultScalingConfig.leadTimeMs);
    expect(beforeLead.every((s) => s.billed === 0)).toBe(true);
  });

  it("a lead time shorter than the boot time turns viewers away at the rush", () => {
    const config = { ...defaultScalingConfig, leadTimeMs: MIN };
    const result = simulate(fourHourShow(), { ...world, bootMs: 5 * MIN, config });
    expect(result.viewerSecondsTurnedAwayAfterStart).toBeGreaterThan(0);
  });

  it("the hourly budget caps the fleet even when viewers are turned away", () => {
    const config = { ...defaultScalingConfig, webrtcViewersPerShow: 0, budgetCentsPerHour: 2 * defaultScalingConfig.hourlyCostCents };
    const result = simulate(fourHourShow(), { ...world, config });
    expect(budgetEdges(config)).toBe(2);
    expect(result.maxBilledEdges).toBe(2);
    expect(result.viewerSecondsTurnedAwayAfterStart).toBeGreaterThan(0);
  });

  it("maxEdges caps the fleet and minEdges keeps a warm edge", () => {
    const config = { ...defaultScalingConfig, minEdges: 1, maxEdges: 2 };
    const result = simulate(walkUpShow(), { ...world, config });
    expect(result.maxBilledEdges).toBeLessThanOrEqual(2);
    expect(result.samples.filter((s) => s.t > 5 * MIN).every((s) => s.active >= 1)).toBe(true);
  });

  it("billing-aware scale-in keeps paid edges through an intermission: nobody turned away when the audience returns, no extra creates", () => {
    const aware = simulate(intermissionShow(), { ...world, config: defaultScalingConfig });
    const eager = simulate(intermissionShow(), { ...world, config: { ...defaultScalingConfig, drainBeforeHourEndMs: 60 * MIN, deleteBeforeHourEndMs: 60 * MIN } });
    expect(aware.viewerSecondsTurnedAwayAfterStart).toBe(0);
    expect(eager.viewerSecondsTurnedAwayAfterStart).toBeGreaterThan(0);
    expect(aware.creates).toBeLessThan(eager.creates);
    expect(aware.costCents).toBeLessThanOrEqual(eager.costCents);
  });

  it("a show-up rate learned from the series' previous show pre-warms fewer edges for the oscillating show", () => {
    const curve = oscillatingShow();
    const rates = learnedShowUpRates(curve, world.tickMs);
    expect(rates.oscillating).toBe(0.65);
    const learned = simulate(curve, { ...world, config: defaultScalingConfig, showUpRates: rates });
    const naive = simulate(curve, { ...world, config: defaultScalingConfig });
    expect(learned.maxBilledEdges).toBeLessThan(naive.maxBilledEdges);
    expect(learned.costCents).toBeLessThan(naive.costCents);
    expect(learned.viewerSecondsTurnedAwayAfterStart).toBe(0);
  });

  it.each([
    { name: "oscillating", curve: oscillatingShow },
    { name: "intermission", curve: intermissionShow },
    { name: "four-hour rush", curve: fourHourShow },
  ])("a start show-up rate learned from the series' previous show ($name) pre-warms only the first arrivals: no more cost, nobody turned away", ({ curve }) => {
    const c = curve();
    const showUpRates = learnedShowUpRates(c, world.tickMs);
    const startShowUpRates = learnedStartShowUpRates(c, world.tickMs, defaultScalingConfig.forecastLeadMs);
    const staged = simulate(c, { ...world, config: defaultScalingConfig, showUpRates, startShowUpRates });
    const whole = simulate(c, { ...world, config: defaultScalingConfig, showUpRates });
    expect(staged.viewerSecondsTurnedAwayAfterStart).toBe(0);
    expect(staged.flaps).toBe(0);
    expect(staged.costCents).toBeLessThanOrEqual(whole.costCents);
  });

  it("the oscillating show, whose audience comes after the first boot, pre-warms one edge instead of three and saves their extra started hours", () => {
    const c = oscillatingShow();
    const showUpRates = learnedShowUpRates(c, world.tickMs);
    const startShowUpRates = learnedStartShowUpRates(c, world.tickMs, defaultScalingConfig.forecastLeadMs);
    const staged = simulate(c, { ...world, config: defaultScalingConfig, showUpRates, startShowUpRates });
    const whole = simulate(c, { ...world, config: defaultScalingConfig, showUpRates });
    const show = c.shows[0]!;
    const billedBeforeStart = (r: typeof staged) => r.samples.find((s) => s.t === show.startsAt - world.tickMs)!.billed;
    expect(billedBeforeStart(staged)).toBe(1);
    expect(billedBeforeStart(whole)).toBe(3);
    expect(staged.costCents).toBeLessThan(whole.costCents);
  });
});

describe("Vultr hourly billing", () => {
  it.each([
    { lived: 0, hours: 1 },
    { lived: 10 * MIN, hours: 1 },
    { lived: 60 * MIN, hours: 1 },
    { lived: 61 * MIN, hours: 2 },
    { lived: 4 * 60 * MIN + 1, hours: 5 },
  ])("an instance alive $lived ms bills $hours started hours", ({ lived, hours }) => {
    expect(billedHours(1_000, 1_000 + lived)).toBe(hours);
    expect(billedCents(1_000, 1_000 + lived, hourlyCostCents(2000))).toBeCloseTo((hours * 2000) / 672, 9);
  });
});
