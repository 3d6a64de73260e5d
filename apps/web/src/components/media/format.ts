/** Display helpers for the studio and watch pages. */

/** Formats integer cents of ISO 4217 `currency` for display, e.g. 500, "usd" → "$5.00". */
export function formatCents(amountCents: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amountCents / 100);
  } catch {
    return `${(amountCents / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}

/** Formats an ISO 8601 timestamp as a local time of day (HH:MM). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
