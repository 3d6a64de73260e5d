/**
 * One periodic database poll of the media node (tips, HLS viewer counts,
 * encoder-fed show statuses): runs `poll` every `intervalMs` between start()
 * and stop(), never two runs at once. The timer does not keep the process alive.
 */
export class IntervalPoll<T> {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  /** `intervalMs`: time between runs, ms; `busy`: what runOnce returns while a run is still going. */
  constructor(
    private readonly intervalMs: number,
    private readonly poll: () => Promise<T>,
    private readonly busy: T,
  ) {}

  /** True between start() and stop(). */
  get started(): boolean {
    return this.timer !== null;
  }

  /** Starts the timer (idempotent). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer (idempotent); a run in progress finishes. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs the poll now, or returns `busy` when a run is in progress. Rejects only when `poll` does. */
  async runOnce(): Promise<T> {
    if (this.running) return this.busy;
    this.running = true;
    try {
      return await this.poll();
    } finally {
      this.running = false;
    }
  }
}
