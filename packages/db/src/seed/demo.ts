/**
 * Demo seed: `npx tsx packages/db/src/seed/demo.ts [DATABASE_URL]`.
 * Creates or refreshes the demo accounts and shows (idempotent) and prints the
 * accounts' emails and passwords. The database must already be migrated.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "../index";
import { seedDemo } from "./demo-data";
import { seedEnv } from "./env";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const url = process.argv[2] ?? seedEnv().DATABASE_URL ?? `file:${join(repo, ".data", "limelight.db")}`;

const db = createDb(url);
try {
  const result = await seedDemo(db);
  console.log("Demo data ready. Accounts:");
  for (const a of result.accounts) console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(24)} password: ${a.password}`);
  console.log("Live show (opened by the demo encoder): /events/demo-live-now   On sale tonight: /events/demo-tonight");
  console.log("Free show: /events/demo-open-rehearsal   Replay of last night: /events/demo-last-night");
} finally {
  await db.$disconnect();
}
