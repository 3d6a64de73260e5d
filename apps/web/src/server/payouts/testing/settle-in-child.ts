/**
 * Runs settleEvent in its own process, for the crash test: the parent kills
 * this process (SIGKILL) while its transfer call is at the fake Stripe, i.e.
 * between the Stripe call and the database write.
 * Usage: tsx settle-in-child.ts <database url> <fake stripe port> <event id>
 */
import { createDb } from "@limelight/db";
import { settleEvent } from "../settle-event";
import { payoutDeps } from "./fixtures";

const [url, port, eventId] = process.argv.slice(2);
if (!url || !port || !eventId) throw new Error("usage: settle-in-child.ts <database url> <fake stripe port> <event id>");
const db = createDb(url);
const result = await settleEvent(payoutDeps(db, { host: "127.0.0.1", port: Number(port), protocol: "http" }), eventId, null);
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.$disconnect();
