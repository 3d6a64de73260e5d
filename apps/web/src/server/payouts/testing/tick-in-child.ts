/**
 * One "web instance" of the two-instance payout test: runs the payout
 * worker's tick `passes` times against a shared database and the parent's
 * fake Stripe, then prints the tick results as JSON.
 * Usage: tsx tick-in-child.ts <database url> <fake stripe port> <now ISO> <passes>
 */
import { createDb } from "@limelight/db";
import { runPayoutsTick } from "../run-payouts-tick";
import { payoutDeps } from "./fixtures";

const [url, port, nowIso, passes] = process.argv.slice(2);
if (!url || !port || !nowIso || !passes) throw new Error("usage: tick-in-child.ts <database url> <fake stripe port> <now ISO> <passes>");
const db = createDb(url);
const deps = payoutDeps(db, { host: "127.0.0.1", port: Number(port), protocol: "http" }, { now: () => new Date(nowIso) });
const results = [];
for (let i = 0; i < Number(passes); i += 1) results.push(await runPayoutsTick(deps));
process.stdout.write(`${JSON.stringify(results)}\n`);
await db.$disconnect();
