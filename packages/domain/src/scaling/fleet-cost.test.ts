import { describe, expect, it } from "vitest";
import { fleetCost } from "./fleet-cost";

const H = 3_600_000;
const NOW = 100 * H;

describe("fleetCost", () => {
  it("bills started hours (minimum one) for deleted and running edges, and sums the running burn rate", () => {
    const cost = fleetCost(
      [
        { createdAt: NOW - 10 * H, deletedAt: NOW - 10 * H + 5 * 60_000, hourlyCostCents: 3 }, // 5 minutes → 1 hour
        { createdAt: NOW - 3.5 * H, deletedAt: null, hourlyCostCents: 3 }, // running 3.5 h → 4 hours
        { createdAt: NOW - 50 * H, deletedAt: NOW - 40 * H, hourlyCostCents: 3 }, // before `since`
      ],
      NOW - 24 * H,
      NOW,
    );
    expect(cost.costSinceCents).toBe(15);
    expect(cost.costPerHourCents).toBe(3);
    expect(cost.billedEdges).toBe(1);
    expect(cost.edgeHours).toBeCloseTo(3.5 + 5 / 60, 6);
  });

  it("counts an edge created exactly at `since`, and an older edge still running only in the burn rate", () => {
    const cost = fleetCost(
      [
        { createdAt: NOW - 24 * H, deletedAt: NOW - 22 * H, hourlyCostCents: 2 },
        { createdAt: NOW - 30 * H, deletedAt: null, hourlyCostCents: 5 },
        { createdAt: NOW + H, deletedAt: null, hourlyCostCents: 1 },
      ],
      NOW - 24 * H,
      NOW,
    );
    // 2 h at 2 cents, plus an edge stamped after `now` (another clock): one started hour, no lived time.
    expect(cost.costSinceCents).toBe(4 + 1);
    expect(cost.edgeHours).toBeCloseTo(2, 9);
    expect(cost.costPerHourCents).toBe(6);
    expect(cost.billedEdges).toBe(2);
  });
});
