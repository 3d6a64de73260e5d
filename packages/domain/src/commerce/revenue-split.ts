import { AppError } from "../app-error";

/** Basis points in a whole (100 %). */
export const TOTAL_BPS = 10_000;

/** One party's share of revenue, in basis points (1 bp = 0.01 %). */
export interface RevenueShare {
  /** Who receives it (a host's user id). */
  key: string;
  shareBps: number;
}

/** One party's cut, in integer cents. */
export interface RevenuePart {
  key: string;
  amountCents: number;
}

/**
 * Splits `amountCents` (integer, may be negative for refunds) across `shares`
 * by basis points with the largest-remainder method, so every part is an
 * integer number of cents and the parts sum EXACTLY to `amountCents`.
 * Ties on the remainder go to the earlier share (stable, deterministic).
 * Shares must be non-negative integers summing to 10,000; an empty list
 * returns no parts (the platform keeps the money).
 * Throws AppError VALIDATION_FAILED on a non-integer amount or bad shares.
 */
export function splitByBasisPoints(amountCents: number, shares: readonly RevenueShare[]): RevenuePart[] {
  if (!Number.isSafeInteger(amountCents)) throw new AppError("VALIDATION_FAILED", "Amount must be a whole number of cents");
  if (shares.length === 0) return [];
  validateShares(shares.map((s) => s.shareBps));
  const sign = amountCents < 0 ? -1 : 1;
  const total = Math.abs(amountCents);
  const parts = shares.map((share, index) => {
    const exact = total * share.shareBps;
    return { key: share.key, index, floor: Math.floor(exact / TOTAL_BPS), remainder: exact % TOTAL_BPS };
  });
  let left = total - parts.reduce((sum, p) => sum + p.floor, 0);
  const order = [...parts].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const part of order) {
    if (left <= 0) break;
    if (part.remainder === 0) continue;
    part.floor += 1;
    left -= 1;
  }
  return parts.map((p) => ({ key: p.key, amountCents: sign * p.floor + 0 }));
}

/**
 * Checks host shares: 1 to 4 non-negative integers summing to 10,000 bps.
 * Throws AppError VALIDATION_FAILED naming the problem.
 */
export function validateShares(sharesBps: readonly number[]): void {
  if (sharesBps.length > 4) throw new AppError("VALIDATION_FAILED", "An event has at most four hosts");
  for (const bps of sharesBps) {
    if (!Number.isInteger(bps) || bps < 0 || bps > TOTAL_BPS) {
      throw new AppError("VALIDATION_FAILED", "Each host share must be a whole number of basis points between 0 and 10,000");
    }
  }
  const sum = sharesBps.reduce((a, b) => a + b, 0);
  if (sum !== TOTAL_BPS) throw new AppError("VALIDATION_FAILED", `Host shares must sum to 10,000 basis points (got ${sum})`);
}
