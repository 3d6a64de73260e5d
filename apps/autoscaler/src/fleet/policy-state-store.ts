import { type Db } from "@limelight/db";
import { initialPolicyState, type PolicyState } from "@limelight/domain/scaling/policy";
import { z } from "zod";

const stateSchema = z.object({
  history: z.array(z.object({ at: z.number(), needIn: z.number() })),
  lastScaleOutAt: z.number().nullable(),
  lastScaleInAt: z.number().nullable(),
  // Forecast window (absent in decisions written before it existed).
  samples: z
    .array(z.object({ at: z.number(), viewers: z.number(), ceiling: z.number(), live: z.record(z.string(), z.number()).optional() }))
    .default([]),
});

/**
 * The policy's memory (stabilisation window, cooldowns) is written inside each
 * ScalingDecision's inputs (`inputs.state`); after a restart it is read back
 * from the latest decision, so a crash does not reset cooldowns nor the
 * demand samples of the forecast window.
 */
export async function loadPolicyState(db: Db): Promise<PolicyState> {
  const last = await db.scalingDecision.findFirst({ orderBy: { at: "desc" }, select: { inputs: true } });
  if (!last) return initialPolicyState;
  try {
    const parsed = stateSchema.safeParse((JSON.parse(last.inputs) as { state?: unknown }).state);
    return parsed.success ? parsed.data : initialPolicyState;
  } catch {
    return initialPolicyState;
  }
}
