/**
 * `npm run admin:create -- --email ops@example.com [--name "Ops"]`: creates the
 * first admin (or promotes an existing account) in DATABASE_URL and prints a
 * one-time sign-in link (valid 1 hour) that sets the admin's password.
 * In the web image: `docker compose exec web node apps/web/create-admin.mjs --email ...`.
 * Exit status 0 on success, 1 on a configuration or input error (one line on stderr).
 */
import { parseArgs } from "node:util";
import { createDb } from "@limelight/db";
import { loadOrExit } from "@limelight/config";
import { env } from "../src/env";
import { createOrPromoteAdmin } from "../src/server/accounts/create-admin";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true });
const config = loadOrExit(env);
const db = createDb(config.DATABASE_URL);
try {
  const admin = await createOrPromoteAdmin({ db, appUrl: config.APP_URL }, { email: values.email, name: values.name });
  process.stdout.write(
    `${admin.created ? "Created" : "Promoted"} admin ${admin.email}.\n` +
      `Open this link to set the password (works once, until ${admin.expiresAt.toISOString()}):\n${admin.link}\n`,
  );
} catch (err) {
  const e = err as { message?: string; details?: unknown };
  process.stderr.write(`admin:create failed: ${e.message ?? String(err)}${e.details ? ` ${JSON.stringify(e.details)}` : ""}\n`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
