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

/**
 * Resolves once `button` (an ActionForm's submit button) is enabled, i.e. its
 * form is hydrated: values typed into a server-rendered form before React
 * takes it over can be lost on a busy machine, so fill forms after this.
 * Throws when it is not enabled within `timeoutMs`.
 */
export async function waitForHydratedForm(button: Locator, timeoutMs = 60_000): Promise<void> {
  const handle = await button.elementHandle({ timeout: timeoutMs });
  if (!handle) throw new Error("the form's submit button is not on the page");
  await button.page().waitForFunction((el) => !(el as HTMLButtonElement).disabled, handle, { timeout: timeoutMs });
}
