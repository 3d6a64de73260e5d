/**
 * Waiting on a Next.js server action by its request, not on the page being
 * fast: a form bound to a server action POSTs to the page's own URL with a
 * `Next-Action` header (https://nextjs.org/docs/app/guides/forms). The helper
 * starts listening before the click, so a quick reply is never missed.
 */
import type { Locator, Page, Response } from "playwright-core";

/** True for the POST of a server action (request header `next-action`). */
export function isServerAction(response: Response): boolean {
  const request = response.request();
  return request.method() === "POST" && request.headers()["next-action"] !== undefined;
}

/**
 * Clicks `button` once it is enabled (ActionForm keeps its submit button
 * disabled until the form is hydrated and while its action is pending) and
 * resolves with the server action's response (any status; the caller asserts
 * what the page shows next). Throws when no action reply arrives in `timeoutMs`.
 */
export async function submitServerAction(page: Page, button: Locator, timeoutMs = 60_000): Promise<Response> {
  const reply = page.waitForResponse(isServerAction, { timeout: timeoutMs });
  await button.click({ timeout: timeoutMs });
  return reply;
}
