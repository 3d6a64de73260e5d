import { z } from "zod";
import { MAX_REPLAY_WINDOW_HOURS } from "../access/replay-access";

/** Currencies the storefront sells in (ISO 4217, lower case as Stripe uses them). */
export const CURRENCIES = ["usd", "eur", "gbp", "cad"] as const;

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
 * cents (1250). "0" makes a free show (tickets claimed without payment);
 * otherwise the minimum is 0.50, the smallest Stripe charge in USD
 * (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
 */
export const priceToCentsSchema = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : v),
  z
    .string({ error: "Price is required" })
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, "Price must be an amount like 12 or 12.50")
    .transform((s) => Math.round(Number(s) * 100))
    .pipe(z.number().refine((cents) => cents === 0 || cents >= 50, "Price must be 0 (a free show) or at least 0.50")),
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
 * cents ≥ 50), currency, capacity (1..100,000 seats), contentWarning (or null;
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
