/**
 * Password reset in a real browser (Debian Chromium via playwright-core)
 * against a production build of apps/web with no SMTP server: the embedded
 * outbox writes the mail into a temp folder, the test opens the link from
 * that file, sets a new password and signs in with it.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createUser, type SeededUser } from "@limelight/db/seed/factories";
import { artifactsDir, createSqliteDatabase, launchChromium, startWebApp, type WebApp } from "@limelight/testkit";
import { signInWithBaseUrl } from "./support/sign-in";

const shots = artifactsDir("password-reset");
let db: Db;
let app: WebApp;
let browser: Browser;
let outbox: string;
let viewer: SeededUser;

beforeAll(async () => {
  const url = createSqliteDatabase();
  db = createDb(url);
  viewer = await createUser(db, { name: "Forgetful Fay" });
  outbox = await mkdtemp(path.join(tmpdir(), "limelight-outbox-"));
  app = await startWebApp({ DATABASE_URL: url, LOG_LEVEL: "warn", MAIL_OUTBOX_DIR: outbox, AUTH_SECRET: "password-reset-browser-test-auth-secret-0123" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await db?.$disconnect();
  if (outbox) await rm(outbox, { recursive: true, force: true });
});

/** The text of every .eml file in the outbox. */
async function outboxMails(): Promise<string[]> {
  const files = (await readdir(outbox)).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(files.map((f) => readFile(path.join(outbox, f), "utf8")));
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1100, height: 800 } });
  return context.newPage();
}

describe("password reset in a browser", () => {
  it("forgot password → link from the outbox → new password → sign in with it", async () => {
    const page = await newPage();
    await page.goto("/signin");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL((u) => u.pathname === "/forgot-password");
    await page.getByLabel("Email").fill(viewer.user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 20_000 }).toContain("If an account exists for that email, we sent a link");

    const mails = await outboxMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`To: ${viewer.user.email}`);
    const link = /^(http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+)$/m.exec(mails[0] ?? "")?.[1];
    expect(link).toBeDefined();

    await page.goto(link!);
    await page.getByLabel("New password").fill("my-new-secret-42");
    await page.screenshot({ path: path.join(shots, "reset-form.png"), fullPage: true });
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL((u) => u.pathname === "/signin" && u.searchParams.get("reset") === "1", { timeout: 30_000 });
    expect(await page.getByRole("status").first().textContent()).toContain("Your password was changed");

    await signInWithBaseUrl(page, viewer.user.email, "my-new-secret-42");

    // The link worked once.
    await page.goto(link!);
    await expect.poll(() => page.locator("p[role=alert]").textContent()).toContain("This password reset link has already been used. Request a new one.");
    await page.screenshot({ path: path.join(shots, "link-used.png"), fullPage: true });
    expect(await page.getByRole("link", { name: "Request a new reset link" }).count()).toBe(1);
  });
});
