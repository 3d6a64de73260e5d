import pino from "pino";
import { env } from "../env";

const holder = globalThis as unknown as { limelightLogger?: pino.Logger };

/** The web app's structured logger (pino, JSON lines on stdout). */
export function logger(): pino.Logger {
  holder.limelightLogger ??= pino({ level: env().LOG_LEVEL, base: { app: "web" } });
  return holder.limelightLogger;
}
