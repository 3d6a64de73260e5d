import { z } from "zod";
import { AppError } from "../app-error";

/** Most hosts one event may have (the Composite mixes up to four). */
export const MAX_HOSTS = 4;
/** Host shares in basis points must sum to exactly this (100.00%). */
export const TOTAL_SHARE_BPS = 10_000;

/** One host assignment: a performer's user id and their revenue share in basis points (1..10,000). */
export const hostShareSchema = z.object({
  userId: z.string().trim().min(1, "Choose a performer"),
  shareBps: z.coerce
    .number({ error: "Share must be a whole number of basis points" })
    .int("Share must be a whole number of basis points")
    .min(1, "Each host's share must be at least 1 bps")
    .max(TOTAL_SHARE_BPS, "A share cannot exceed 10,000 bps"),
});
/** A parsed host assignment. */
export type HostShare = z.infer<typeof hostShareSchema>;

/**
 * An event's host list: 1..4 distinct performers whose shares sum to 10,000 bps.
 * Messages say what to fix ("Shares must add up to 10,000 bps (now 9,000)").
 */
export const hostListSchema = z
  .array(hostShareSchema)
  .min(1, "Assign at least one host")
  .max(MAX_HOSTS, `An event can have at most ${MAX_HOSTS} hosts`)
  .superRefine((hosts, ctx) => {
    const ids = new Set(hosts.map((h) => h.userId));
    if (ids.size !== hosts.length) ctx.addIssue({ code: "custom", message: "Each performer can be assigned only once" });
    const total = hosts.reduce((sum, h) => sum + h.shareBps, 0);
    if (total !== TOTAL_SHARE_BPS) {
      ctx.addIssue({ code: "custom", message: `Shares must add up to 10,000 bps (now ${total.toLocaleString("en-US")})` });
    }
  });

/**
 * Checks that every proposed host is a performer (or admin) account. `roles`
 * maps user id → account role for the ids found. Throws AppError
 * VALIDATION_FAILED naming the first unknown or non-performer user.
 */
export function assertHostsArePerformers(hosts: readonly HostShare[], roles: ReadonlyMap<string, string>): void {
  for (const host of hosts) {
    const role = roles.get(host.userId);
    if (!role) throw new AppError("VALIDATION_FAILED", "hosts: unknown performer");
    if (role !== "performer" && role !== "admin") throw new AppError("VALIDATION_FAILED", "hosts: only performers can host events");
  }
}

/**
 * Problems that stop an event from going on sale (empty when ready): it needs
 * hosts whose shares sum to 10,000 bps.
 */
export function onSaleProblems(hosts: readonly { shareBps: number }[]): string[] {
  const problems: string[] = [];
  if (hosts.length === 0) problems.push("Assign at least one host before putting the event on sale");
  else if (hosts.reduce((s, h) => s + h.shareBps, 0) !== TOTAL_SHARE_BPS) problems.push("Host shares must add up to 10,000 bps");
  return problems;
}
