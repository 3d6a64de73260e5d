/**
 * Sign-in throttling in a real browser (Debian Chromium via playwright-core)
 * against a production build of apps/web on a migrated SQLite database, with
 * the default limits: after 5 wrong passwords the sign-in page says how long
 * to wait, even for the right password, while another account still signs in.
 * Screenshot: artifacts/signin-throttle/locked.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createUser, type SeededUser } from "@limelight/db/seed/factories";
import { artifactsDir, createSqliteDatabase, launchChromium, startWebApp, type WebApp } from "@limelight/testkit";
import { signInWithBaseUrl } from "./support/sign-in";

const shots = artifactsDir("signin-throttle");
let db: Db;
let app: WebApp;
let browser: Browser;
let nia: SeededUser;
let omar: SeededUser;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1000, height: 800 } });
  contexts.push(context);
  return context.newPage();
}

/** Submits the sign-in form and waits until its server action has answered. */
async function submit(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/signin"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** Waits until the sign-in form's alert reads exactly `text` (throws after 15 s). */
async function alertShown(page: Page, text: string): Promise<void> {
  const alert = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
  await alert.filter({ hasText: text }).waitFor({ timeout: 15_000 });
  expect(await alert.textContent()).toBe(text);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const url = createSqliteDatabase();
  db = createDb(url);
  nia = await createUser(db, { name: "Nia" });
  omar = await createUser(db, { name: "Omar" });
  app = await startWebApp({ DATABASE_URL: url, LOG_LEVEL: "warn", AUTH_SECRET: "signin-throttle-browser-test-auth-secret-0123" });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  await db?.$disconnect();
});

describe("sign-in throttling in a browser", () => {
  it("after 5 wrong passwords the page says to wait 15 minutes, even for the right password; others still sign in", async () => {
    const page = await newPage();
    await page.goto("/signin");
    for (let i = 1; i <= 5; i++) {
      await submit(page, nia.user.email, `wrong-password-${i}`);
      await alertShown(page, "Wrong email or password");
    }

    await submit(page, nia.user.email, nia.password);
    await alertShown(page, "Too many sign-in attempts. Try again in 15 minutes.");
    await page.screenshot({ path: join(shots, "locked.png"), fullPage: true });
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);

    // Another person, from the same address, signs in as usual.
    await signInWithBaseUrl(await newPage(), omar.user.email, omar.password);
  });
});
