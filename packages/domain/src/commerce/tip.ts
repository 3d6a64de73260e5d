import { z } from "zod";
import { AppError } from "../app-error";
import { formatMoney } from "../events/money";
import { MAX_CHARGE_CENTS } from "./pricing";

/** Longest tip message, in characters (shown on stream by the media service). */
export const TIP_MESSAGE_MAX = 140;

/** zod schema of a tip form: amount in cents and an optional message. */
export const tipInputSchema = z.object({
  eventId: z.string().min(1, "Event is required"),
  amountCents: z.number({ message: "Amount must be a number" }).int("Amount must be a whole number of cents").positive("Amount must be positive"),
  message: z
    .string()
    .trim()
    .max(TIP_MESSAGE_MAX, `Message must be at most ${TIP_MESSAGE_MAX} characters`)
    .optional()
    .transform((m) => (m ? m : undefined)),
});

/**
 * Checks a tip amount against the minimum (cents, from TIP_MIN_CENTS) and the
 * provider's maximum. Throws AppError VALIDATION_FAILED naming the minimum.
 */
export function validateTipAmount(amountCents: number, minCents: number, currency: string): void {
  if (!Number.isInteger(amountCents) || amountCents < minCents) {
    throw new AppError("VALIDATION_FAILED", `A tip must be at least ${formatMoney(minCents, currency)}`);
  }
  if (amountCents > MAX_CHARGE_CENTS) throw new AppError("VALIDATION_FAILED", `A tip must be at most ${formatMoney(MAX_CHARGE_CENTS, currency)}`);
}
