import { z } from "zod";

/**
 * Shared schemas for ids and strings that come from browsers, encoders and
 * URLs, parsed before they reach the database: PostgreSQL refuses a NUL byte
 * in text (an error, not a miss), and unbounded strings cost memory.
 *
 * Row ids are Prisma `cuid()` values: "c" + 24 lowercase base-36 characters
 * (25 in all). Source: https://github.com/paralleldrive/cuid (format of cuid v1,
 * which Prisma's `@default(cuid())` produces).
 */

/** Longest free-text field accepted by default (characters). */
export const MAX_TEXT_LENGTH = 10_000;

/** Pattern of a Prisma cuid (v1): `c` then 24 lowercase letters or digits. */
export const CUID_PATTERN = /^c[a-z0-9]{24}$/;

/** True when `value` is a string free of NUL (U+0000) and other C0 controls except tab, LF and CR. */
export function isCleanText(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value);
}

/** A row id (cuid). Error message: "Not a valid id". */
export const cuidSchema = z.string().regex(CUID_PATTERN, "Not a valid id");

/** Any of our row ids or a Stripe-style id: letters, digits, `_` and `-`, 1–255 characters. */
export const opaqueIdSchema = z
  .string()
  .min(1, "Required")
  .max(255, "Too long")
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id");

/** A URL slug: lowercase letters, digits and `-`, 1–100 characters. */
export const slugSchema = z
  .string()
  .min(1, "Required")
  .max(100, "Too long")
  .regex(/^[a-z0-9-]+$/, "Not a valid slug");
