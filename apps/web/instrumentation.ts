/**
 * Next.js start hook (https://nextjs.org/docs/app/guides/instrumentation),
 * run once when a server instance starts:
 * - parses the configuration, so an unsafe production configuration stops the
 *   server with one line naming the variable instead of failing (or running
 *   unsafe) at the first request;
 * - in the Node.js runtime, starts the background worker
 *   (src/server/worker/start-worker.ts: settlements, payouts, reminders).
 */
export async function register(): Promise<void> {
  const { checkEnvAtServerStart } = await import("./src/env");
  checkEnvAtServerStart();
  // NEXT_RUNTIME is set by Next.js itself (not configuration): the edge runtime has no Prisma.
  // eslint-disable-next-line no-restricted-properties -- Next.js's documented runtime switch, not a setting
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWorker } = await import("./src/server/worker/start-worker");
  startWorker();
}
