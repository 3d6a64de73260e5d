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

/** An encoder show ends when its encoder (OBS) has been gone for this long (ENCODER_GONE_END_MS). */
export const DEFAULT_ENCODER_GONE_END_MS = 600_000;
/** Performers are warned in the studio once their encoder has been gone for this long (ENCODER_GONE_WARN_MS). */
export const DEFAULT_ENCODER_GONE_WARN_MS = 60_000;

/**
 * Where a live encoder show stands given when its encoder left (`goneAt`, ms
 * since the epoch; null: publishing) at `now` (ms): `publishing`; `gone`
 * (before the warning); `warned` (performers should be told it ends at
 * `endsAt`, ms); `expired` (the show should end).
 */
export type EncoderPresence =
  | { state: "publishing" }
  | { state: "gone" | "warned" | "expired"; goneAt: number; endsAt: number };

/** Classifies an encoder show's presence (see EncoderPresence); `warnMs` and `endMs` in ms. */
export function encoderPresence(goneAt: number | null, now: number, timing: { warnMs: number; endMs: number }): EncoderPresence {
  if (goneAt === null) return { state: "publishing" };
  const endsAt = goneAt + timing.endMs;
  const state = now >= endsAt ? "expired" : now - goneAt >= timing.warnMs ? "warned" : "gone";
  return { state, goneAt, endsAt };
}
