/**
 * Storefront in a real browser (Debian Chromium via playwright-core) against
 * a production build of apps/web on a migrated SQLite database, in test mode
 * (no Stripe keys): sign-up, buying a ticket through the test checkout, admin
 * scheduling, and role checks. Screenshots go to artifacts/storefront/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@limelight/access-token";
import { createDb, type Db } from "@limelight/db";
import { createEvent, createUser, type SeededUser } from "@limelight/db/seed/factories";
import { artifactsDir, createSqliteDatabase, launchChromium, startWebApp, type WebApp } from "@limelight/testkit";
import { waitForHydratedForm } from "./support/server-action";
import { signInWithBaseUrl as signIn } from "./support/sign-in";

const shots = artifactsDir("storefront");
const ACCESS_TOKEN_SECRET = "storefront-browser-test-access-secret-0123";
let db: Db;
let app: WebApp;
let browser: Browser;
let admin: SeededUser;
let ada: SeededUser;
let ben: SeededUser;
const contexts: BrowserContext[] = [];

async function newPage(timezoneId?: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1200, height: 900 }, ...(timezoneId ? { timezoneId } : {}) });
  contexts.push(context);
  return context.newPage();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const url = createSqliteDatabase();
  db = createDb(url);
  admin = await createUser(db, { role: "admin", name: "Ada Admin" });
  ada = await createUser(db, { role: "performer", name: "Ada Performer" });
  ben = await createUser(db, { role: "performer", name: "Ben Performer" });
  app = await startWebApp({ DATABASE_URL: url, LOG_LEVEL: "warn", ACCESS_TOKEN_SECRET, AUTH_SECRET: "storefront-browser-test-auth-secret-012345" });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  await db?.$disconnect();
});

describe("storefront in a browser", () => {
  it("shows a show's start time in the visitor's own time zone, with UTC in the tooltip", async () => {
    const event = await createEvent(db, { title: "Tokyo Late Set", startsAt: new Date("2031-06-02T11:00:00Z"), capacity: 10 });
    const page = await newPage("Asia/Tokyo");
    await page.goto(`/events/${event.slug}`);
    const when = page.locator(`time[datetime="${event.startsAt.toISOString()}"]`).first();
    await expect.poll(() => when.textContent(), { timeout: 10_000 }).toContain("20:00");
    expect(await when.textContent()).toContain("Mon, 2 Jun 2031");
    expect(await when.getAttribute("title")).toBe("Mon, 2 Jun 2031, 11:00 UTC");
  });

  it("a new viewer signs up, buys a ticket in test mode and finds it under My tickets", async () => {
    const event = await createEvent(db, {
      title: "Saturday Night Strings",
      startsAt: new Date(Date.now() + 5 * 60_000),
      priceCents: 1250,
      capacity: 10,
      contentWarning: "Flashing lights",
      hosts: [{ userId: ada.user.id, shareBps: 10_000 }],
    });
    const page = await newPage();
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Vera Viewer");
    await page.getByLabel("Email").fill("vera@example.test");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("form", { name: "Sign up" }).getByRole("alert").textContent()).resolves.toBe("Password must be at least 8 characters");
    await page.getByLabel("Password").fill("vera-password-1");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("link", { name: "My tickets" }).waitFor();

    await page.getByRole("link", { name: "Saturday Night Strings" }).click();
    await page.waitForURL(`**/events/${event.slug}`);
    await page.getByRole("button", { name: "Buy ticket" }).waitFor();
    await page.getByText("Test mode").first().waitFor();
    // Plenty of seats: no scarcity line ("N tickets left" appears below 20% of the capacity).
    expect(await page.getByText(/tickets? left/).count()).toBe(0);
    // The content warning must be acknowledged before buying.
    await page.getByRole("button", { name: "Buy ticket" }).click();
    await expect(page.getByRole("form", { name: "Buy a ticket" }).getByRole("alert").textContent()).resolves.toMatch(/content warning/i);
    await shot(page, "event-page-warning");
    await page.getByLabel("I understand the content warning").check();
    await page.getByRole("button", { name: "Buy ticket" }).click();
    await page.waitForURL(/\/test-checkout\//);
    await page.getByText("Test mode", { exact: false }).first().waitFor();
    await shot(page, "test-checkout");
    await page.getByRole("button", { name: /^Pay / }).click();
    await page.waitForURL(/\/me\/tickets/);
    await expect(page.getByRole("main").getByRole("status").textContent()).resolves.toContain("your ticket is ready");
    const row = page.getByRole("row", { name: /Saturday Night Strings/ });
    expect(await row.textContent()).toContain("Valid");
    expect(await row.textContent()).toContain("$12.50");
    await shot(page, "my-tickets");

    const seatsTaken = (await db.event.findUniqueOrThrow({ where: { id: event.id } })).seatsTaken;
    expect(seatsTaken).toBe(1);
    await page.goto(`/events/${event.slug}`);
    await page.getByText("You have a ticket for this show.").waitFor();
    expect(await page.getByText(/tickets? left/).count()).toBe(0);

    // The show starts in 5 minutes: the ticket holder gets a signed access token for the media service.
    const issued = await page.request.post("/api/access-token", { data: { eventId: event.id } });
    expect(issued.status()).toBe(200);
    const body = (await issued.json()) as { token: string; role: string; ticketId: string; mediaUrl: string };
    const claims = await verifyAccessToken(body.token, ACCESS_TOKEN_SECRET);
    expect(claims).toMatchObject({ eventId: event.id, role: "viewer", name: "Vera Viewer" });
    expect(claims.ticketId).toBe(body.ticketId);
    const stranger = await newPage();
    const refused = await stranger.request.post(`${app.url}/api/access-token`, { data: { eventId: event.id } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Sign in to continue" } });
  });

  it("a viewer claims a free show's ticket in one click, with no payment page", async () => {
    const event = await createEvent(db, { title: "Free Open Rehearsal", priceCents: 0, capacity: 3, startsAt: new Date(Date.now() + 3600_000) });
    const viewer = await createUser(db, { role: "viewer", name: "Fay Free" });
    const page = await newPage();
    await signIn(page, viewer.user.email, viewer.password);
    await page.goto(`/events/${event.slug}`);
    await page.getByRole("complementary", { name: "Tickets" }).getByText("Free", { exact: true }).waitFor();
    // No payment screen: the ticket box has no test-mode payment notice (the site-wide test-mode banner stays).
    expect(await page.getByRole("complementary", { name: "Tickets" }).getByText("Test mode").count()).toBe(0);
    await page.getByRole("button", { name: "Get free ticket" }).click();
    await page.waitForURL(/\/me\/tickets\?claimed=1/);
    await expect(page.getByRole("main").getByRole("status").textContent()).resolves.toBe("Your free ticket is ready.");
    expect(await page.getByRole("row", { name: /Free Open Rehearsal/ }).textContent()).toContain("Valid (free show)");
    expect(await db.ticket.count({ where: { eventId: event.id, userId: viewer.user.id, status: "valid", source: "free" } })).toBe(1);
    await shot(page, "free-ticket");
  });

  it("an admin in Paris creates an event in local time, fixes a bad price, assigns hosts, puts it on sale and it appears on the schedule", async () => {
    const page = await newPage("Europe/Paris");
    await signIn(page, admin.user.email, admin.password);
    await page.getByRole("link", { name: "Admin" }).click();
    await page.waitForURL("**/admin/events");
    const form = page.getByRole("form", { name: "Create event" });
    await form.getByLabel("Title").fill("Sunday Jazz Brunch");
    await form.getByLabel("Description").fill("Smooth trio, live from the club.");
    await expect.poll(() => form.getByText("Starts at (Europe/Paris)").count()).toBe(1); // hydrated: the admin's own zone
    await form.getByLabel(/^Starts at/).fill("2030-06-02T11:00");
    await form.getByLabel("Price").fill("twelve");
    await form.getByLabel("Capacity").fill("40");
    await form.getByRole("button", { name: "Create event" }).click();
    await expect(form.getByRole("alert").textContent()).resolves.toBe("Price must be an amount like 12 or 12.50");
    await shot(page, "admin-create-bad-price");
    expect(await form.getByLabel("Title").inputValue()).toBe("Sunday Jazz Brunch");
    await form.getByLabel("Price").fill("18.00");
    await form.getByRole("button", { name: "Create event" }).click();
    await page.waitForURL(/\/admin\/events\/[^/?]+\?created=1/);
    // The edit form shows the start in the admin's zone again.
    await expect.poll(() => page.getByRole("form", { name: "Edit event" }).getByLabel(/^Starts at/).inputValue()).toBe("2030-06-02T11:00");

    // Shares that do not add up are refused with a clear message.
    const hosts = page.getByRole("form", { name: "Hosts" });
    await waitForHydratedForm(hosts.getByRole("button", { name: "Save hosts" }));
    await hosts.getByLabel("Host 1", { exact: true }).selectOption({ label: `Ada Performer (${ada.user.email})` });
    await hosts.getByLabel("Host 1 share (bps)").fill("6000");
    await hosts.getByLabel("Host 2", { exact: true }).selectOption({ label: `Ben Performer (${ben.user.email})` });
    await hosts.getByLabel("Host 2 share (bps)").fill("3000");
    await hosts.getByRole("button", { name: "Save hosts" }).click();
    await expect(hosts.getByRole("alert").textContent()).resolves.toBe("Shares must add up to 10,000 bps (now 9,000)");
    await hosts.getByLabel("Host 2 share (bps)").fill("4000");
    await hosts.getByRole("button", { name: "Save hosts" }).click();
    await expect(hosts.getByRole("status").textContent()).resolves.toBe("Hosts saved");

    await page.getByRole("button", { name: "Put on sale" }).click();
    await page.getByText("The event is on sale").waitFor();
    await shot(page, "admin-event");

    await page.goto("/");
    const card = page.getByRole("link", { name: "Sunday Jazz Brunch" });
    await card.waitFor();
    await page.getByText("With Ada Performer, Ben Performer").waitFor();
    await shot(page, "schedule");

    const stored = await db.event.findFirstOrThrow({ where: { title: "Sunday Jazz Brunch" }, include: { hosts: true } });
    expect(stored.status).toBe("on_sale");
    expect(stored.priceCents).toBe(1800);
    expect(stored.startsAt.toISOString()).toBe("2030-06-02T09:00:00.000Z"); // 11:00 in Paris (CEST, UTC+2)
    const actions = (await db.auditLog.findMany({ where: { targetId: stored.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["event.create", "event.hosts.set", "event.status"]);
  });

  it("an admin comps a ticket and revokes it from the sales list; the host sees the show on the performer dashboard", async () => {
    const guest = await createUser(db, { role: "viewer", name: "Gus Guest" });
    const event = await createEvent(db, { title: "Comp Night", capacity: 5, hosts: [{ userId: ada.user.id, shareBps: 10_000 }] });
    const page = await newPage();
    await signIn(page, admin.user.email, admin.password);
    await page.goto(`/admin/events/${event.id}`);
    const comp = page.getByRole("form", { name: "Comp ticket" });
    await comp.getByLabel("Account email").fill("nobody@example.test");
    await comp.getByRole("button", { name: "Give ticket" }).click();
    await expect(comp.getByRole("alert").textContent()).resolves.toContain("No account with the email nobody@example.test");
    await comp.getByLabel("Account email").fill(guest.user.email);
    await comp.getByRole("button", { name: "Give ticket" }).click();
    await expect(comp.getByRole("status").textContent()).resolves.toBe(`Complimentary ticket sent to ${guest.user.email}`);
    const sales = page.getByRole("table", { name: "Sales" });
    const row = sales.getByRole("row", { name: new RegExp(guest.user.email) });
    expect(await row.textContent()).toContain("valid");
    await shot(page, "admin-sales");
    await row.getByRole("button", { name: "Revoke" }).click();
    await sales.getByRole("row", { name: new RegExp(`${guest.user.email}.*revoked`) }).waitFor();
    const ticket = await db.ticket.findFirstOrThrow({ where: { eventId: event.id, userId: guest.user.id } });
    expect(ticket.status).toBe("revoked");
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).seatsTaken).toBe(0);
    await page.reload();
    const history = await page.getByRole("table", { name: "Audit log" }).textContent();
    expect(history).toContain("ticket.comp");
    expect(history).toContain("ticket.revoke");

    // Promote the guest to performer from the accounts page.
    await page.getByRole("link", { name: "Accounts" }).click();
    const roleForm = page.getByRole("form", { name: `Role of ${guest.user.email}` });
    await roleForm.getByLabel(`Role for ${guest.user.email}`).selectOption("performer");
    await roleForm.getByRole("button", { name: "Set role" }).click();
    await expect(roleForm.getByRole("status").textContent()).resolves.toBe("Role set to performer");
    expect((await db.user.findUniqueOrThrow({ where: { id: guest.user.id } })).role).toBe("performer");

    const host = await newPage();
    await signIn(host, ada.user.email, ada.password);
    await host.getByRole("link", { name: "Performer" }).click();
    const section = host.getByRole("region", { name: "Comp Night" });
    await section.waitFor();
    expect(await section.getByRole("link", { name: "Open studio" }).getAttribute("href")).toBe(`/studio/${event.id}`);
    expect(await section.getByRole("table", { name: "Per-host amounts" }).textContent()).toContain("Ada Performer");
    await shot(host, "performer-dashboard");
  });

  it("a viewer gets 403 on admin pages, and a performer cannot open another performer's studio", async () => {
    const viewer = await createUser(db, { role: "viewer" });
    const page = await newPage();
    await signIn(page, viewer.user.email, viewer.password);
    const adminPage = await page.goto("/admin/events");
    expect(adminPage?.status()).toBe(403);
    await page.getByRole("heading", { name: /403/ }).waitFor();
    expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
    await shot(page, "viewer-403");
    expect((await page.goto("/performer"))?.status()).toBe(403);

    const adasShow = await createEvent(db, { title: "Ada only", hosts: [{ userId: ada.user.id, shareBps: 10_000 }] });
    const benPage = await newPage();
    await signIn(benPage, ben.user.email, ben.password);
    expect((await benPage.goto(`/studio/${adasShow.id}`))?.status()).toBe(403);
    expect((await benPage.goto("/admin/events"))?.status()).toBe(403);

    const signedOut = await newPage();
    await signedOut.goto("/admin/events");
    expect(new URL(signedOut.url()).pathname).toBe("/signin");
  });
});
