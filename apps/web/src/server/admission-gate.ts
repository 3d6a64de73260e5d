import pLimit from "p-limit";
import { AppError } from "@limelight/domain";

/** Admission control for one kind of request: a bounded number run at once, a bounded number wait. */
export interface AdmissionGate {
  /**
   * Runs `task` when one of the `concurrency` slots is free, in arrival
   * order. Throws AppError OVERLOADED (503, details `{retryAfterMs}`) at once
   * when `maxQueued` requests already wait, and without running `task` when
   * `signal` aborted while it waited (the client went away). Otherwise
   * returns or throws what `task` does.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Requests running now and waiting now (for tests and metrics). */
  load(): { active: number; queued: number };
}

/** Settings of an AdmissionGate: slots, queue bound, and the Retry-After (ms) sent when the queue is full. */
export interface AdmissionGateOptions {
  concurrency: number;
  maxQueued: number;
  retryAfterMs: number;
}

/**
 * An AdmissionGate over p-limit (https://github.com/sindresorhus/p-limit):
 * a server that takes every request of a rush at once spends more CPU on
 * each (500 Buy presses in flight cost about 1.6 times the CPU per press of
 * 16 in flight: garbage collection and pool contention, measured with
 * bench/on-sale-http) and answers all of them late; a few at a time, in
 * order, answers the first ones fast and keeps the total throughput.
 */
export function createAdmissionGate(options: AdmissionGateOptions): AdmissionGate {
  const limit = pLimit(options.concurrency);
  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (limit.activeCount >= options.concurrency && limit.pendingCount >= options.maxQueued) {
        return Promise.reject(new AppError("OVERLOADED", "Too many people are buying right now; try again in a moment", { details: { retryAfterMs: options.retryAfterMs } }));
      }
      return limit(() => {
        if (signal?.aborted) return Promise.reject(new AppError("BAD_REQUEST", "The request was abandoned while it waited"));
        return task();
      });
    },
    load: () => ({ active: limit.activeCount, queued: limit.pendingCount }),
  };
}
