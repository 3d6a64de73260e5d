/**
 * The background worker every web instance runs (started from
 * instrumentation.ts, so it runs from the moment the server starts, not from
 * its first sale): a loop that returns the seats of abandoned checkouts
 * (expired holds, stale tips), refunds tickets still valid on cancelled
 * events (retried with backoff), settles shows past their window, retries
 * payouts and reversals, and sends show reminders. Several instances run it
 * at once; every step claims its rows in the database (unique rows, leases),
 * so no payout or reminder is ever acted on twice.
 */
import { env } from "../../env";
import { commerce } from "../commerce";
import { logger } from "../logger";
import { payouts } from "../payouts";
import { runPayoutsTick } from "../payouts/run-payouts-tick";
import { reminderDeps } from "../reminders";
import { sendDueReminders } from "../reminders/send-due-reminders";

/** One job of the loop: a name for logs and the pass to run. */
export interface WorkerJob {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs `jobs` one after another every `intervalMs` (first pass after one
 * interval; passes never overlap; the timer does not keep the process alive,
 * so SIGTERM ends it at once: an interrupted pass is finished by the next
 * one, in this or another instance). A failing job is logged and the loop
 * goes on. Returns a function that stops the loop.
 */
export function startWorkerLoop(jobs: readonly WorkerJob[], intervalMs: number, onError: (job: string, error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      for (const job of jobs) {
        try {
          await job.run();
        } catch (error) {
          onError(job.name, error);
        }
      }
    })().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

const holder = globalThis as unknown as { limelightWorker?: () => void };

/** Starts this process's worker once (WORKER_INTERVAL_MS; 0 = off). */
export function startWorker(): void {
  const config = env();
  if (holder.limelightWorker || config.WORKER_INTERVAL_MS === 0) return;
  const jobs: WorkerJob[] = [];
  jobs.push({ name: "holds", run: () => commerce().sweepExpiredHolds() });
  jobs.push({ name: "tips", run: () => commerce().sweepStaleTips() });
  jobs.push({ name: "cancelled-event-refunds", run: () => commerce().reconcileCancelledEvents() });
  const deps = payouts();
  jobs.push({ name: "payouts", run: () => runPayoutsTick(deps) });
  const reminders = reminderDeps();
  jobs.push({ name: "reminders", run: () => sendDueReminders(reminders) });
  holder.limelightWorker = startWorkerLoop(jobs, config.WORKER_INTERVAL_MS, (job, err) => logger().warn({ err, job }, "worker job failed"));
  logger().info({ intervalMs: config.WORKER_INTERVAL_MS, jobs: jobs.map((j) => j.name) }, "background worker started");
}
