import { z } from "zod";
import { MAX_REPLAY_WINDOW_HOURS } from "../access/replay-access";

import { CURRENCIES, MIN_CHARGE_CENTS } from "../commerce/pricing";

/** Currencies the storefront sells in: the list of commerce/pricing.ts, offered by the event form. */
export { CURRENCIES };

const requiredText = (label: string) => z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`);

/** An integer form field given as a string (HTML forms) or a number, with a readable message. */
function wholeNumber(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v === "" ? undefined : v),
    z
      .number({ error: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be at least ${min}`)
      .max(max, `${label} must be at most ${max}`),
  );
}

/** Optional text: empty or whitespace becomes null. */
function optionalText(max: number, label: string) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v ?? null),
    z.string().max(max, `${label} must be at most ${max} characters`).nullable(),
  );
}

/**
 * Price in major units as typed by an admin ("12", "12.5", "12.50") → integer
 * cents (1250). "0" makes a free show (tickets claimed without payment); the
 * smallest paid price depends on the currency and is checked by
 * eventFormSchema against MIN_CHARGE_CENTS (commerce/pricing.ts).
 */
export const priceToCentsSchema = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : v),
  z
    .string({ error: "Price is required" })
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, "Price must be an amount like 12 or 12.50")
    .transform((s) => Math.round(Number(s) * 100)),
);

/**
 * A start time from an `<input type="datetime-local">` ("2026-11-21T19:00",
 * read as UTC), an ISO string with zone, or a Date → Date.
 */
export const startsAtSchema = z.preprocess(
  (v) => {
    if (v instanceof Date) return v;
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const s = v.trim();
    const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`;
    const d = new Date(withZone);
    return Number.isNaN(d.getTime()) ? "invalid" : d;
  },
  z.date({ error: "Start time must be a date and time" }),
);

/**
 * The admin's create/edit event form. Output: title, description, posterUrl
 * (or null), startsAt (Date), durationMinutes (5..720), priceCents (integer
 * cents: 0 for a free show, else at least the currency's Stripe minimum,
 * MIN_CHARGE_CENTS), currency, capacity (1..100,000 seats), contentWarning (or null;
 * when set, buyers must acknowledge it), replayWindowHours (0..720).
 */
export const eventFormSchema = z.object({
  title: requiredText("Title").pipe(z.string().min(3, "Title must be at least 3 characters").max(120, "Title must be at most 120 characters")),
  description: z.preprocess((v) => v ?? "", z.string().trim().max(5000, "Description must be at most 5000 characters")),
  posterUrl: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v ?? null),
    z.url({ protocol: /^https?$/, error: "Poster URL must be an http(s) URL" }).nullable(),
  ),
  startsAt: startsAtSchema,
  durationMinutes: wholeNumber("Duration (minutes)", 5, 720),
  price: priceToCentsSchema,
  currency: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(CURRENCIES, { error: "Choose a currency" })),
  capacity: wholeNumber("Capacity", 1, 100_000),
  contentWarning: optionalText(300, "Content warning"),
  replayWindowHours: z.preprocess((v) => (v === "" || v === undefined ? 0 : v), wholeNumber("Replay window (hours)", 0, MAX_REPLAY_WINDOW_HOURS)),
}).superRefine((form, ctx) => {
  const min = MIN_CHARGE_CENTS[form.currency];
  if (form.price !== 0 && form.price < min) {
    ctx.addIssue({ code: "custom", path: ["price"], message: `Price must be 0 (a free show) or at least ${(min / 100).toFixed(2)}` });
  }
});
/** Parsed event form (priceCents is in `price`). */
export type EventForm = z.output<typeof eventFormSchema>;

/**
 * A URL slug for a title: lower-case ASCII words joined by "-", at most 60
 * characters, plus `-suffix` when given (to keep slugs unique).
 */
export function slugify(title: string, suffix?: string): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || "show";
  return suffix ? `${base}-${suffix}` : base;
}
