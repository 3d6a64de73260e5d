/**
 * Formats integer cents in a currency for pages ("$12.50", "€8.00").
 * `currency` is an ISO 4217 code (any case).
 */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

/** Formats basis points as a percentage ("2,500 bps" → "25%", 3333 → "33.33%"). */
export function formatBps(bps: number): string {
  return `${(bps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
}

/** A ticket price for display: "Free" for 0 cents, else formatMoney ("$15.00"). */
export function formatPrice(cents: number, currency: string): string {
  return cents === 0 ? "Free" : formatMoney(cents, currency);
}
