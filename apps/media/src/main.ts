/**
 * Media service entry: `npx tsx apps/media/src/main.ts`. Reads env once,
 * starts the node, ends shows cleanly on SIGINT/SIGTERM.
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
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
