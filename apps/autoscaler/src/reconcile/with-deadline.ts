/** How work run under a deadline ended: its value, its error, or the deadline first. */
export type DeadlineOutcome<T> = { kind: "done"; value: T } | { kind: "failed"; error: unknown } | { kind: "deadline" };

/**
 * Waits for `work` at most `deadlineMs` (ms). Never throws and never leaves a
 * rejection unhandled: a rejection before the deadline is returned as
 * "failed"; after it the caller still owns `work` (it keeps running: stop its
 * side effects, e.g. TickFence.revoke). The deadline's timer is cleared when
 * `work` settles first.
 */
export async function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<DeadlineOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DeadlineOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "deadline" }), deadlineMs);
  });
  const settled = work.then(
    (value): DeadlineOutcome<T> => ({ kind: "done", value }),
    (error: unknown): DeadlineOutcome<T> => ({ kind: "failed", error }),
  );
  try {
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
