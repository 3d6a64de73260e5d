/**
 * Signs a browser context in through the storefront's real sign-in page
 * (`/signin`, email + password form), for browser tests.
 */
import type { Page } from "playwright-core";

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in at `${baseUrl}/signin?next=...` and waits until the browser is on `next`. Throws when it does not get there in 30 s. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === next, { timeout: 30_000 });
}

/** Signs in on a page whose context has a `baseURL`, and waits for the signed-in header (its "Sign out" button). */
export async function signInWithBaseUrl(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await submitSignIn(page, email, password);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
