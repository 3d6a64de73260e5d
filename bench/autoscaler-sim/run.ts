/**
 * Replays load curves through the scaling policy in simulated time (15 s
 * ticks, 2 min edge boot, 10 %/min churn on draining edges, Vultr hourly
 * billing) and compares with an oracle that knows the future (exactly enough
 * edges at every instant, instant boot, exact hours).
 *
 *   npx tsx bench/autoscaler-sim/run.ts
 *
 * Columns: viewer-seconds turned away (total / after the show started),
 * edge-hours and cost (cents) of the policy and of the oracle, the cost ratio,
 * the most edges billed at once, and direction reversals within the
 * stabilisation window (flaps). Then the real reconciler against the fake
 * Vultr API (./fleet-on-fake-vultr.ts): ticks, time, requests and peak
 * requests per second to scale 0 → 20 → 0 through injected faults.
 */
import { defaultScalingConfig, type ScalingConfig } from "@limelight/domain/scaling/config";
import { allLoadCurves } from "@limelight/domain/scaling/load-curves";
import { learnedShowUpRates, learnedStartShowUpRates, oracle, simulate } from "@limelight/domain/scaling/simulate";
import { benchFleetOnFakeVultr } from "./fleet-on-fake-vultr";

const MIN = 60_000;
const world = { tickMs: 15_000, bootMs: 2 * MIN, drainChurnPerMinute: 0.1 };

const variants: { name: string; config: Partial<ScalingConfig>; bootMs?: number }[] = [
  { name: "default", config: {} },
  { name: "no pre-warm (lead 1 min)", config: { leadTimeMs: MIN } },
  { name: "20 % headroom", config: { headroom: 0.2, scaleInUtilisation: 0.6 } },
  { name: "fast scale-in (no window)", config: { scaleInCooldownMs: 0, stabilisationWindowMs: 0 } },
  { name: "not billing-aware (drain any time)", config: { drainBeforeHourEndMs: 3_600_000, deleteBeforeHourEndMs: 3_600_000 } },
  { name: "slow boots (5 min), lead 20 min, forecast 6 min", config: { leadTimeMs: 20 * MIN, forecastLeadMs: 6 * MIN }, bootMs: 5 * MIN },
];

const rows: Record<string, string | number>[] = [];
let worst = 0;
let turnedAwayAfterStart = 0;
for (const curve of allLoadCurves()) {
  // Each curve is replayed as the next show of its series: the show-up rates (at the peak, and within a
  // boot and a tick of the start) are learned from the previous one.
  const showUpRates = learnedShowUpRates(curve, world.tickMs);
  for (const variant of variants) {
    const config = { ...defaultScalingConfig, ...variant.config };
    const startShowUpRates = learnedStartShowUpRates(curve, world.tickMs, config.forecastLeadMs);
    const result = simulate(curve, { ...world, bootMs: variant.bootMs ?? world.bootMs, config, showUpRates, startShowUpRates });
    const best = oracle(curve, config, world.tickMs);
    if (variant.name === "default") {
      worst = Math.max(worst, result.costCents / best.costCents);
      turnedAwayAfterStart += result.viewerSecondsTurnedAwayAfterStart;
    }
    rows.push({
      curve: curve.name,
      policy: variant.name,
      "turned away (viewer-s)": Math.round(result.viewerSecondsTurnedAway),
      "after start": Math.round(result.viewerSecondsTurnedAwayAfterStart),
      "edge-hours": result.edgeHours.toFixed(2),
      "cost ¢": result.costCents.toFixed(2),
      "oracle edge-h": best.edgeHours.toFixed(2),
      "oracle ¢": best.costCents.toFixed(2),
      "cost ÷ oracle": (result.costCents / best.costCents).toFixed(2),
      "max edges": result.maxBilledEdges,
      flaps: result.flaps,
    });
  }
}
console.log(`edge: ${defaultScalingConfig.viewersPerEdge} viewers, ${(defaultScalingConfig.hourlyCostCents).toFixed(3)} ¢/h (vc2-1c-1gb, $5/month ÷ 672); WebRTC carries ${defaultScalingConfig.webrtcViewersPerShow} per show`);
console.table(rows);

console.log("\nReal reconciler against the fake Vultr API (20 req/s throttle, Vultr limit 30/s):");
console.table(await benchFleetOnFakeVultr(20));
console.log(`default policy: worst cost/oracle ${worst.toFixed(2)}, viewer-seconds turned away after start ${Math.round(turnedAwayAfterStart)}`);
