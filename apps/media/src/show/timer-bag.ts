/**
 * The timers of one show state (or of one roster). A state owns its timers:
 * when the show leaves that state the bag is cancelled, and a cancelled bag
 * refuses new timers, so a late callback of the old state cannot arm one.
 * Every timer is unref'd (a show never keeps the process alive).
 */

/** Timers by key (at most one per key) plus unkeyed one-shots; all in ms. */
export class TimerBag {
  private readonly keyed = new Map<string, NodeJS.Timeout>();
  private readonly loose = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();
  private cancelled = false;

  /** True once cancelAll() ran (the owning state was left). */
  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Runs `fn` once after `delayMs` (ms); ignored after cancelAll(). */
  after(delayMs: number, fn: () => void): void {
    if (this.cancelled) return;
    const timer = setTimeout(() => {
      this.loose.delete(timer);
      fn();
    }, Math.max(0, delayMs));
    timer.unref();
    this.loose.add(timer);
  }

  /** Runs `fn` once after `delayMs` (ms) under `key`, replacing a pending timer of that key; ignored after cancelAll(). */
  set(key: string, delayMs: number, fn: () => void): void {
    if (this.cancelled) return;
    this.clear(key);
    const timer = setTimeout(() => {
      if (this.keyed.get(key) === timer) this.keyed.delete(key);
      fn();
    }, Math.max(0, delayMs));
    timer.unref();
    this.keyed.set(key, timer);
  }

  /** True while a timer of `key` is pending. */
  has(key: string): boolean {
    return this.keyed.has(key);
  }

  /** Cancels the pending timer of `key`, if any. */
  clear(key: string): void {
    const timer = this.keyed.get(key);
    if (timer) clearTimeout(timer);
    this.keyed.delete(key);
  }

  /** Resolves after `delayMs` (ms), or at once when the bag is (or gets) cancelled. */
  sleep(delayMs: number): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepers.delete(wake);
        resolve();
      };
      this.sleepers.add(wake);
      this.after(delayMs, wake);
    });
  }

  /** Cancels every timer, wakes every sleeper, and refuses new timers from now on. */
  cancelAll(): void {
    this.cancelled = true;
    for (const timer of this.keyed.values()) clearTimeout(timer);
    for (const timer of this.loose) clearTimeout(timer);
    this.keyed.clear();
    this.loose.clear();
    for (const wake of [...this.sleepers]) wake();
  }
}
