import { type Commerce } from "./create-commerce";

/** Options of startHoldSweeper. */
export interface HoldSweeperOptions {
  /** Time between sweeps in ms (default 60,000). */
  intervalMs?: number;
  /** Called with any error of a sweep (the sweeper keeps running). */
  onError?: (error: unknown) => void;
}

/**
 * Runs `commerce.sweepExpiredHolds()`, `commerce.sweepStaleTips()` then
 * `commerce.reconcileCancelledEvents()` (refunds owed for cancelled events,
 * retried with backoff) every `intervalMs` (the timer does not
 * keep the process alive; sweeps never overlap). Call it once per server
 * process, e.g. from Next.js `instrumentation.ts` `register()`. Sold-out
 * checkouts also sweep their own event's expired holds, so seats come back
 * even without it. Returns a function that stops the sweeper.
 */
export function startHoldSweeper(commerce: Commerce, options: HoldSweeperOptions = {}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    commerce
      .sweepExpiredHolds()
      .then(() => commerce.sweepStaleTips())
      .then(() => commerce.reconcileCancelledEvents())
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
