/**
 * The admin fleet page in a real browser: the real autoscaler (one-shot
 * `apps/autoscaler/src/tick.ts`, Local provider) starts a real nginx edge on
 * the same SQLite database; an admin sees it ready with its cost and the
 * decision that created it; a viewer is refused. Screenshot in artifacts/autoscaler/.
 */
import { createDb, type Db } from "@limelight/db";
import { createUser, type SeededUser } from "@limelight/db/seed/factories";
import { artifactsDir, createSqliteDatabase, launchChromium, repoRoot, startWebApp, type WebApp } from "@limelight/testkit";
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInWithBaseUrl as signIn } from "../../../test/support/sign-in";

const run = promisify(execFile);
const shots = artifactsDir("autoscaler");
let db: Db;
let dbUrl: string;
let edgesDir: string;
let app: WebApp;
let browser: Browser;
let admin: SeededUser;
let viewer: SeededUser;

/** Runs one autoscaler tick as its own process, as cron would. */
async function tick(extraEnv: Record<string, string>): Promise<void> {
  await run(join(repoRoot(), "node_modules", ".bin", "tsx"), [join(repoRoot(), "apps", "autoscaler", "src", "tick.ts")], {
    cwd: join(repoRoot(), "apps", "autoscaler"),
    env: { ...process.env, DATABASE_URL: dbUrl, LOCAL_EDGES_DIR: edgesDir, LOG_LEVEL: "warn", ...extraEnv },
    timeout: 60_000,
  });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dbUrl = createSqliteDatabase();
  db = createDb(dbUrl);
  edgesDir = mkdtempSync(join(tmpdir(), "limelight-fleet-edges-"));
  chmodSync(edgesDir, 0o755);
  admin = await createUser(db, { role: "admin" });
  viewer = await createUser(db, { role: "viewer" });
  app = await startWebApp({ DATABASE_URL: dbUrl, LOG_LEVEL: "warn", AUTH_SECRET: "fleet-browser-test-auth-secret-0123456789" });
  browser = await launchChromium();
});

afterAll(async () => {
  // Scale to zero: the autoscaler drains and stops its edge.
  await tick({ SCALING_MIN_EDGES: "0", SCALING_SCALE_IN_COOLDOWN_MS: "0", SCALING_STABILISATION_WINDOW_MS: "0" }).catch(() => undefined);
  rmSync(edgesDir, { recursive: true, force: true });
  await browser?.close();
  await app?.stop();
  await db?.$disconnect();
});

describe("admin fleet page", () => {
  it("shows the edge the autoscaler started, its cost and the decision; viewers are refused", async () => {
    await tick({ SCALING_MIN_EDGES: "1" }); // creates the edge
    await tick({ SCALING_MIN_EDGES: "1" }); // its /healthz answers: ready
    const edge = await db.edge.findFirstOrThrow({ where: { status: "ready" } });

    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    await signIn(page, admin.user.email, admin.password);
    await page.goto("/admin/fleet");
    const edges = page.getByRole("table", { name: "Edges" });
    await expect(edges.getByRole("row", { name: new RegExp(edge.label) }).textContent()).resolves.toContain("ready");
    await expect(edges.textContent()).resolves.toContain(edge.baseUrl!);
    await expect(page.getByRole("table", { name: "Fleet cost" }).textContent()).resolves.toContain("Billed edges now1");
    await expect(page.getByRole("table", { name: "Scaling decisions" }).textContent()).resolves.toContain("scale-out");
    await page.screenshot({ path: join(shots, "admin-fleet.png"), fullPage: true });
    await context.close();

    const viewerContext = await browser.newContext({ baseURL: app.url });
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, viewer.user.email, viewer.password);
    const res = await viewerPage.goto("/admin/fleet");
    expect(res?.status()).toBe(403);
    await viewerContext.close();
  });
});
