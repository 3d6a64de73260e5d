/**
 * Spaces out our Vultr API calls: at most `maxRequestsPerSecond` starts per
 * second across every caller sharing the gate (Vultr answers 429 above 30/s,
 * https://www.vultr.com/api/#section/Introduction/Rate-Limit, and the client's
 * `rateLimit` option is never read), and holds every caller while a 429
 * back-off is in force.
 */
export class VultrGate {
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly intervalMs: number;

  constructor(maxRequestsPerSecond: number) {
    this.intervalMs = 1000 / maxRequestsPerSecond;
  }

  /** Resolves when the caller may send one request. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (this.pausedUntil > now) {
        await sleep(this.pausedUntil - now);
        continue;
      }
      const at = Math.max(now, this.nextSlot);
      this.nextSlot = at + this.intervalMs;
      if (at > now) await sleep(at - now);
      if (this.pausedUntil <= Date.now()) return;
    }
  }

  /** Holds every caller for `ms` (after a 429). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
