/** Display helpers for the studio and watch pages (money: formatMoney in @limelight/domain/events/money). */

/** Formats an ISO 8601 timestamp as a local time of day (HH:MM). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
