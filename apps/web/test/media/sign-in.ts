/**
 * Signs a browser context in through the storefront's real sign-in page
 * (`/signin?next=...`, email + password form) and lands on `next`.
 */
import type { Page } from "playwright-core";

/** Fills the sign-in form on `page` and waits until the browser is on `next`. Throws when it does not get there in 30 s. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 30_000 });
}
