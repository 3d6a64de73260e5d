/**
 * Media service entry: `npx tsx apps/media/src/main.ts` (compiled: `node main.mjs`
 * in the media image). Reads env once (an unsafe production configuration stops
 * it with one line), starts the node; on SIGINT/SIGTERM tells every show's
 * clients, releases the pipelines and exits 0 (1 if that takes over 9 s).
 */
import { loadOrExit } from "@limelight/config";
import { loadEnv } from "./env";
import { startMediaApp } from "./app";

// An unsafe or invalid configuration stops the process here with one line naming the variable.
const env = loadOrExit(() => loadEnv());
const app = await startMediaApp(env);
app.logger.info({ url: app.url, kms: env.KMS_URLS, redis: Boolean(env.REDIS_URL) }, "media service listening");

// Safety net: a stray rejection is logged, never a crash of every live show.
process.on("unhandledRejection", (reason) => app.logger.error({ err: reason }, "unhandled rejection"));

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.logger.info({ signal }, "shutting down");
  // Orchestrators kill after 10 s: a close that hangs (an unresponsive KMS) ends with status 1 before that.
  setTimeout(() => {
    app.logger.error({ signal }, "shutdown did not finish within 9 s");
    process.exit(1);
  }, 9_000).unref();
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
