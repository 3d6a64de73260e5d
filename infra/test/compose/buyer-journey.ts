/**
 * A viewer's path through the Compose stack, in headless Chromium over HTTPS
 * (Caddy, `tls internal`): sign up, buy a ticket for the live demo show with
 * test-mode Checkout (its webhook grants the ticket), find it under My
 * tickets, and get a signed stream for the watch page (POST /api/watch/<id>).
 * Run by infra/scripts/test-compose.sh while an encoder publishes the show:
 *
 *   node --import tsx infra/test/compose/buyer-journey.ts <https://PUBLIC_HOST> <event slug> <127.0.0.1:HTTPS_PORT>
 *
 * The browser sends PUBLIC_HOST:443 (the port in APP_URL, hence in every
 * redirect) to Caddy's published address (Chromium's --host-resolver-rules).
 * Prints one line per step; exits 1 with the reason on the first failure.
 */
import { launchChromium } from "@limelight/testkit";

const [baseUrl, slug, caddyAddress] = process.argv.slice(2);
if (!baseUrl || !slug || !caddyAddress) throw new Error("usage: buyer-journey.ts <https://PUBLIC_HOST> <event slug> <127.0.0.1:HTTPS_PORT>");
const url = new URL(baseUrl);
const email = `buyer-${Date.now()}@limelight.test`;

let where = () => "(browser not started)";
const browser = await launchChromium({ extraArgs: [`--host-resolver-rules=MAP ${url.hostname}:443 ${caddyAddress}`] });
try {
  const context = await browser.newContext({ baseURL: baseUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  where = () => `at ${page.url()}`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Compose Buyer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("compose-buyer-password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("link", { name: "My tickets" }).waitFor();
  console.log(`  ok: signed up ${email}`);

  await page.goto(`/events/${slug}`);
  await page.getByRole("button", { name: "Buy ticket" }).click();
  await page.waitForURL(/\/test-checkout\//);
  await Promise.all([page.waitForURL(/\/me\/tickets/, { waitUntil: "domcontentloaded" }), page.getByRole("button", { name: /^Pay / }).click()]);
  const row = page.getByRole("row").filter({ hasText: "Valid" });
  await row.first().waitFor();
  console.log(`  ok: test-mode Checkout paid, webhook granted the ticket: ${(await row.first().textContent())?.replace(/\s+/g, " ").trim()}`);

  const eventId = await page.evaluate(async (s) => {
    const res = await fetch(`/events/${s}`);
    const m = /\/watch\/([a-z0-9]+)/.exec(await res.text());
    return m?.[1] ?? null;
  }, slug);
  if (!eventId) throw new Error(`no watch link on /events/${slug}`);
  // As the watch page asks: from the page, with its session cookie, through Caddy.
  const { status, route } = await page.evaluate(async (id) => {
    const res = await fetch(`/api/watch/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    return { status: res.status, route: (await res.json()) as { mode?: string; token?: string; url?: string; mediaUrl?: string } };
  }, eventId);
  if (status !== 200) throw new Error(`POST /api/watch/${eventId}: ${status} ${JSON.stringify(route)}`);
  const signed = route.mode === "webrtc" ? typeof route.token === "string" && route.token.split(".").length === 3 : /\/t\/[A-Za-z0-9_-]+\/\d+\//.test(route.url ?? "");
  if (!signed) throw new Error(`the watch route is not a signed stream: ${JSON.stringify(route)}`);
  console.log(`  ok: the watch page gets a signed ${route.mode} stream (${route.mode === "webrtc" ? `access token for ${route.mediaUrl}` : route.url})`);
} catch (err) {
  console.error(`buyer journey failed ${where()}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
