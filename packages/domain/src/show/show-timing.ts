/**
 * When an empty show ends (the grace periods themselves are apps/media's
 * config: EMPTY_SHOW_GRACE_MS in its env.ts).
 */

/** True when a show with no connected host since `emptySince` (ms, null = has hosts) should end at `now`. */
export function shouldEndEmptyShow(emptySince: number | null, now: number, graceMs: number): boolean {
  return emptySince !== null && now - emptySince >= graceMs;
}
