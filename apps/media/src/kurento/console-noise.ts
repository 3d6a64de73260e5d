/**
 * kurento-client writes to the console (traces of swallowed errors, reconnect
 * chatter; docs/kurento.md pitfall 6). The media service owns its process, so
 * it routes console output into its pino logger at debug level instead.
 */
import { type Logger } from "pino";

let installed = false;

/** Replaces console.log/info/warn/error/trace/debug with `logger.debug({source:"console"})`. Idempotent. */
export function routeConsoleToLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
  const log = (level: string) => (...args: unknown[]) => {
    logger.debug({ source: "console", level }, args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : safeJson(a))).join(" "));
  };
  console.log = log("log");
  console.info = log("info");
  console.warn = log("warn");
  console.error = log("error");
  console.trace = log("trace");
  console.debug = log("debug");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
