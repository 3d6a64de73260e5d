/**
 * Default timings of the show lifecycle (ms). Apps may override them from config.
 */

/** A dropped host may rejoin into its slot for this long. */
export const DEFAULT_HOST_REJOIN_GRACE_MS = 30_000;
/** The show ends when no host has been connected for this long. */
export const DEFAULT_EMPTY_SHOW_GRACE_MS = 120_000;
/** A leaving host's HubPort is released this long after it is disconnected (Composite freezes otherwise, Kurento #421). */
export const DEFAULT_HUBPORT_RELEASE_DELAY_MS = 10_000;

/** True when a show with no connected host since `emptySince` (ms, null = has hosts) should end at `now`. */
export function shouldEndEmptyShow(emptySince: number | null, now: number, graceMs: number): boolean {
  return emptySince !== null && now - emptySince >= graceMs;
}
