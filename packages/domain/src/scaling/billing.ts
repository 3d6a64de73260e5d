/**
 * Vultr hourly billing: an instance costs its monthly price ÷ 672 per hour,
 * every started hour counts, and the minimum is one hour. Stopped instances
 * still bill, so only deletion stops the meter.
 * Source: https://www.vultr.com/company/faq/#billing (hourly billing, 672-hour cap).
 */

/** Hours in one Vultr billing month. */
export const VULTR_HOURS_PER_MONTH = 672;

const HOUR_MS = 3_600_000;

/** Hourly price in (fractional) cents of a plan costing `monthlyCents` per month. */
export function hourlyCostCents(monthlyCents: number): number {
  return monthlyCents / VULTR_HOURS_PER_MONTH;
}

/** Billed hours for an instance alive from `createdAtMs` to `endedAtMs` (ms epoch): started hours, at least 1. */
export function billedHours(createdAtMs: number, endedAtMs: number): number {
  const lived = Math.max(0, endedAtMs - createdAtMs);
  return Math.max(1, Math.ceil(lived / HOUR_MS));
}

/** Cost in (fractional) cents of one instance alive from `createdAtMs` until `endedAtMs`. */
export function billedCents(createdAtMs: number, endedAtMs: number, hourlyCents: number): number {
  return billedHours(createdAtMs, endedAtMs) * hourlyCents;
}

/**
 * Ms until the instance's current billed hour ends (deleting earlier saves
 * nothing): `createdAtMs` and `nowMs` are epoch ms; an instance not yet
 * created has a whole hour left.
 */
export function msLeftInBilledHour(createdAtMs: number, nowMs: number): number {
  const lived = Math.max(0, nowMs - createdAtMs);
  return billedHours(createdAtMs, nowMs) * HOUR_MS - lived;
}
