/**
 * The one money formatter of Limelight: integer cents of ISO 4217 `currency`
 * (any case; the event's, ticket's or tip's currency) through
 * Intl.NumberFormat, e.g. (1250, "usd") → "$12.50", (800, "eur") → "€8.00".
 * Cents are hundredths of the currency's unit. A code Intl does not know is
 * shown as "12.50 XXX" rather than failing the page.
 */
export function formatMoney(cents: number, currency: string): string {
  const code = currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return `${(cents / 100).toFixed(2)} ${code}`;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(cents / 100);
}

/** Formats basis points as a percentage ("2,500 bps" → "25%", 3333 → "33.33%"). */
export function formatBps(bps: number): string {
  return `${(bps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
}

/** A ticket price for display: "Free" for 0 cents, else formatMoney ("$15.00"). */
export function formatPrice(cents: number, currency: string): string {
  return cents === 0 ? "Free" : formatMoney(cents, currency);
}
