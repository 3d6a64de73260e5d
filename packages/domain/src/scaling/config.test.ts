import { describe, expect, it } from "vitest";
import { defaultScalingConfig, scalingConfigSchema, type ScalingConfig } from "./config";

const accepts = (patch: Partial<Record<keyof ScalingConfig, unknown>>) => scalingConfigSchema.safeParse({ ...defaultScalingConfig, ...patch }).success;

describe("scaling config", () => {
  it("the defaults are a valid config that scales in below the scale-out load (no flapping) and pre-warms longer than a Vultr boot", () => {
    expect(scalingConfigSchema.parse(defaultScalingConfig)).toEqual(defaultScalingConfig);
    expect(defaultScalingConfig.scaleInUtilisation).toBeLessThan(1 - defaultScalingConfig.headroom);
    expect(defaultScalingConfig.leadTimeMs).toBeGreaterThan(2 * 60_000);
    expect(defaultScalingConfig.maxEdges).toBeGreaterThanOrEqual(defaultScalingConfig.minEdges);
    expect(defaultScalingConfig.maxDrainMs).toBeGreaterThan(defaultScalingConfig.scaleInCooldownMs);
  });

  it.each<[keyof ScalingConfig, unknown]>([
    ["viewersPerEdge", 0],
    ["viewersPerEdge", 99.5],
    ["headroom", -0.1],
    ["headroom", 1],
    ["scaleInUtilisation", 0],
    ["scaleInUtilisation", 1],
    ["webrtcViewersPerShow", -1],
    ["webrtcViewersPerShow", 49.5],
    ["expectedAttendance", -0.1],
    ["expectedAttendance", 1.1],
    ["leadTimeMs", 0],
    ["leadTimeMs", 1.5],
    ["rushWindowMs", -1],
    ["rushWindowMs", 0.5],
    ["minEdges", -1],
    ["minEdges", 0.5],
    ["maxEdges", -1],
    ["maxEdges", 2.5],
    ["budgetCentsPerHour", -1],
    ["hourlyCostCents", 0],
    ["scaleInCooldownMs", -1],
    ["scaleInCooldownMs", 0.5],
    ["stabilisationWindowMs", -1],
    ["stabilisationWindowMs", 0.5],
    ["scaleInStep", 0],
    ["scaleInStep", 1.5],
    ["maxDrainMs", 0],
    ["maxDrainMs", 0.5],
    ["viewersPerEdge", "100"],
  ])("refuses %s = %o", (field, value) => {
    expect(accepts({ [field]: value })).toBe(false);
  });

  it.each<[keyof ScalingConfig, unknown]>([
    ["headroom", 0],
    ["headroom", 0.99],
    ["scaleInUtilisation", 0.01],
    ["webrtcViewersPerShow", 0],
    ["expectedAttendance", 0],
    ["expectedAttendance", 1],
    ["leadTimeMs", 1],
    ["rushWindowMs", 0],
    ["minEdges", 0],
    ["maxEdges", 0],
    ["budgetCentsPerHour", 0],
    ["hourlyCostCents", 0.5],
    ["scaleInCooldownMs", 0],
    ["stabilisationWindowMs", 0],
    ["scaleInStep", 1],
    ["maxDrainMs", 1],
  ])("accepts %s = %o at its limit", (field, value) => {
    expect(accepts({ [field]: value })).toBe(true);
  });
});
