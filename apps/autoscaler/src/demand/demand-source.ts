import { type DemandSnapshot } from "@limelight/domain/scaling/demand";

/** Where the autoscaler reads demand from (viewers per show, tickets for shows starting soon). */
export interface DemandSource {
  /** Demand at `now` (ms epoch). Should not throw: a missing input counts as unknown (0) and is logged. */
  read(now: number): Promise<DemandSnapshot>;
}
