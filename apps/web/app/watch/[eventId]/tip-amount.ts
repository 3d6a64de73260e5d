/**
 * Parses the tip form's amount: a decimal number of currency units with at
 * most two decimals ("5", "5.5", "5.50", " 12.00 ") into integer cents.
 * Returns null for anything else (empty, negative, "5,00", "1e3", more than
 * two decimals, more than 7 integer digits). The minimum is checked by
 * commerce (TIP_MIN_CENTS), not here.
 */
export function parseTipAmountCents(raw: unknown): number | null {
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return null;
  const [whole = "0", fraction = ""] = text.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
