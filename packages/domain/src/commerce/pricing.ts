import { AppError } from "../app-error";
import { formatMoney } from "../events/money";

/**
 * Currencies Limelight sells in (ISO 4217, lower case as Stripe uses them):
 * the one list the event form offers and every charge is checked against.
 * All are two-decimal currencies, so "cents" is exact.
 */
export const CURRENCIES = ["usd", "eur", "gbp", "cad", "aud"] as const;

/** A supported lower-case ISO 4217 code. */
export type Currency = (typeof CURRENCIES)[number];

/**
 * Stripe's minimum charge per currency, in the smallest unit (cents).
 * Source: https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts
 */
export const MIN_CHARGE_CENTS: Readonly<Record<Currency, number>> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50 };

/** Largest amount Limelight charges in one payment: 999,999.99 in the currency (Stripe's cap is 99,999,999 cents). */
export const MAX_CHARGE_CENTS = 99_999_999;

/** True when `code` is a supported currency. */
export function isCurrency(code: string): code is Currency {
  return (CURRENCIES as readonly string[]).includes(code);
}

/**
 * Checks a price a buyer would be charged: an integer number of cents between
 * the currency's minimum charge and MAX_CHARGE_CENTS. Returns the lower-case
 * currency. Throws AppError VALIDATION_FAILED with a message for the form.
 */
export function validateChargeAmount(amountCents: number, currency: string): Currency {
  const code = currency.toLowerCase();
  if (!isCurrency(code)) throw new AppError("VALIDATION_FAILED", `Currency must be one of ${Object.keys(MIN_CHARGE_CENTS).join(", ")}`);
  if (!Number.isInteger(amountCents)) throw new AppError("VALIDATION_FAILED", "Amount must be a whole number of cents");
  if (amountCents < MIN_CHARGE_CENTS[code]) {
    throw new AppError("VALIDATION_FAILED", `Amount must be at least ${formatMoney(MIN_CHARGE_CENTS[code], code)}`);
  }
  if (amountCents > MAX_CHARGE_CENTS) throw new AppError("VALIDATION_FAILED", `Amount must be at most ${formatMoney(MAX_CHARGE_CENTS, code)}`);
  return code;
}

