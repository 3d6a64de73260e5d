import { createDb } from "@limelight/db";
import { decideScaling, initialPolicyState } from "@limelight/domain/scaling/policy";
import { defaultScalingConfig } from "@limelight/domain/scaling/config";
import { createSqliteDatabase } from "@limelight/testkit";
import { describe, expect, it } from "vitest";
import { loadPolicyState } from "../src/fleet/policy-state-store";

describe("policy state across ticks and restarts", () => {
  it("keeps the forecast window: a demand peak still counts on the next tick, read back from the database", async () => {
    const db = createDb(createSqliteDatabase());
    const now = Date.now();
    const config = { ...defaultScalingConfig, webrtcViewersPerShow: 0 };
    const show = (hlsViewers: number) => ({ shows: [{ eventId: "e", startsAt: now - 3_600_000, status: "live" as const, ticketsSold: 300, webrtcViewers: 0, hlsViewers }], hlsViewersOnEdges: hlsViewers });
    // A tick sees 250 viewers of a 300-ticket show on the edges...
    const peak = decideScaling(now, show(250), [], initialPolicyState, config);
    await db.scalingDecision.create({ data: { desired: 3, ready: 0, draining: 0, reason: "scale-out", inputs: JSON.stringify({ state: peak.state }), actions: "{}" } });
    // ...the process restarts, and 15 s later the noise dips to 180.
    const state = await loadPolicyState(db);
    expect(state.samples?.map((s) => s.viewers)).toEqual([250]);
    const dip = decideScaling(now + 15_000, show(180), [], state, config);
    expect(dip.inputs.planned).toBe(250);
    expect(dip.inputs.needOut).toBe(3);
    await db.$disconnect();
  });
});
