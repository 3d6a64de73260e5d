/**
 * `npm run admin:create`: the operator's way to the first admin. Runs the
 * real command (tsx apps/web/scripts/create-admin.ts) against a fresh SQLite
 * database and follows the printed link's token into the database.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { hashResetToken } from "../src/server/accounts/reset-token";

const run = promisify(execFile);
const dbUrl = createSqliteDatabase();
const db = createDb(dbUrl);
const repo = new URL("../../..", import.meta.url).pathname;

function adminCreate(...args: string[]) {
  return run("npx", ["tsx", "apps/web/scripts/create-admin.ts", ...args], {
    cwd: repo,
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: dbUrl, APP_URL: "https://shows.limelight.test" },
  });
}

afterAll(async () => {
  await db.$disconnect();
});

describe("npm run admin:create", () => {
  it("creates an admin and prints a one-time link that sets the password", async () => {
    const { stdout } = await adminCreate("--email", "Ops@Limelight.test", "--name", "Ops");
    expect(stdout).toMatch(/^Created admin ops@limelight\.test\./);
    const token = /https:\/\/shows\.limelight\.test\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    expect(token).toBeDefined();
    const user = await db.user.findUniqueOrThrow({ where: { email: "ops@limelight.test" } });
    expect(user).toMatchObject({ role: "admin", name: "Ops" });
    const row = await db.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashResetToken(token!) } });
    expect(row).toMatchObject({ userId: user.id, usedAt: null });
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it("promotes an existing account instead of creating a second one", async () => {
    await db.user.create({ data: { email: "viewer@limelight.test", name: "Viewer", passwordHash: "x", role: "viewer" } });
    const { stdout } = await adminCreate("--email", "viewer@limelight.test");
    expect(stdout).toMatch(/^Promoted admin viewer@limelight\.test\./);
    expect(await db.user.count({ where: { email: "viewer@limelight.test" } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { email: "viewer@limelight.test" } })).role).toBe("admin");
  });

  it("refuses a malformed email with a one-line error and exit status 1", async () => {
    const failure = await adminCreate("--email", "not-an-email").then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^admin:create failed: /);
  });
});
