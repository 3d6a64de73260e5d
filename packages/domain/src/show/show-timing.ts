/**
 * When an empty show ends (the grace periods themselves are apps/media's
 * config: EMPTY_SHOW_GRACE_MS in its env.ts).
 */

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
