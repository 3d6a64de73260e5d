/**
 * Next.js instrumentation: `register()` runs once when a server instance
 * starts. In the Node.js runtime it starts the background worker
 * (src/server/worker/start-worker.ts: settlements, payouts, reminders).
 * https://nextjs.org/docs/app/guides/instrumentation
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next.js itself (not configuration): the edge runtime has no Prisma.
  // eslint-disable-next-line no-restricted-properties -- Next.js's documented runtime switch, not a setting
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWorker } = await import("./src/server/worker/start-worker");
  startWorker();
}
