/**
 * The main job of Limelight, end to end in a real browser, one step after the
 * other on one running platform:
 *   1. an admin schedules a show in the admin UI (title, start, price,
 *      capacity, the performer as host) and puts it on sale;
 *   2. a new viewer signs up and buys a ticket through the test-mode checkout;
 *   3. the viewer opens the watch page early and waits; the performer's OBS
 *      (ffmpeg publishing with the stream key the studio shows) starts the
 *      show: the origin's on_publish makes it live; the studio says the live
 *      composite needs Kurento (none configured);
 *   4. the waiting viewer's player starts by itself and plays over HLS
 *      (hls.js) through the edge the autoscaler runs: the video's time advances;
 *   5. with every viewer on HLS and one viewer per edge, the autoscaler runs a
 *      second edge (an encoder-fed live show already overflows: see
 *      edgeViewerDemand) and a second viewer is routed to it; the studio
 *      counts both HLS viewers;
 *   6. the first viewer tips through the test checkout; the tip shows in the
 *      studio, on the other viewer's watch page and to the tipper, who is back
 *      on the show;
 *   7. the performer ends the show: viewers are told, the extra edge is
 *      drained and deleted (its nginx stops), the first edge stays.
 * Real parts: SQLite, `next start` of the built web app, the media service
 * (socket.io, no Kurento), nginx-rtmp origin, ffmpeg, the autoscaler loop with
 * its Local provider starting nginx edges, Chromium. Payments run in test
 * mode (no Stripe keys). Screenshots of every step go to artifacts/e2e/.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTicket, createUser } from "@limelight/db/seed/factories";
import type { EdgeModel as Edge } from "@limelight/db";
import { waitFor, type Spawned } from "@limelight/testkit";
import { publishTestSource } from "../../../../infra/test/stack";
import { submitServerAction, waitForHydratedForm } from "../support/server-action";
import { signIn, signInWithBaseUrl } from "../support/sign-in";
import { startE2eStack, type E2eStack } from "./e2e-stack";

const TITLE = "Midnight Synth Session";
const VIEWER = { name: "Vera Viewer", email: "vera.e2e@example.test", password: "vera-password-1" };

const ADMIN_ZONE = "Europe/Paris";

let stack: E2eStack;
let eventId: string;
let obs: Spawned | undefined;
let admin: Page;
let studio: Page;
let watch: Page;
let secondWatch: Page;
let firstEdge: Edge;
let watchRequests: string[] = [];
let secondEdge: Edge;

/** `date` as a datetime-local value ("2030-06-02T11:00") on the wall clock of `timeZone`. */
function wallClock(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(stack.shots, `${name}.png`), fullPage: true });
}

function logs(): string {
  return `\n${stack.logs()}\n--- obs (ffmpeg) ---\n${obs?.output() ?? ""}`;
}

/** Edge base URLs the page requests, recorded from now on. */
function recordEdgeRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/t/")) urls.push(request.url());
  });
  return urls;
}

/** The HLS video's current time, s. */
function videoTime(page: Page): Promise<number> {
  return page.getByTestId("hls-video").evaluate((v: HTMLVideoElement) => v.currentTime);
}

/** Waits until the page's HLS video plays past 2 s and then moves on further. */
async function expectPlaying(page: Page): Promise<void> {
  await expect.poll(() => videoTime(page), { timeout: 45_000, message: `video time${logs()}` }).toBeGreaterThan(2);
  const seen = await videoTime(page);
  await expect.poll(() => videoTime(page), { timeout: 20_000, message: "video time keeps advancing" }).toBeGreaterThan(seen + 1);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  stack = await startE2eStack();
  // The autoscaler keeps its minimum of one edge running before any show.
  await waitFor(async () => (await stack.db.edge.count({ where: { status: "ready" } })) === 1, 60_000, 250, `the first edge${stack.logs()}`);
  firstEdge = await stack.db.edge.findFirstOrThrow({ where: { status: "ready" } });
});

// The steps build on each other: after a failed step the rest are skipped, so the report names the first failure only.
let broken = false;
beforeEach((context) => {
  if (broken) context.skip();
});
afterEach((context) => {
  if (context.task.result?.state === "fail") broken = true;
});

afterAll(async () => {
  await obs?.stop();
  await stack?.stop();
});

describe("the main job: schedule, sell, go live, watch through edges, tip, scale out, end and scale in", () => {
  it("an admin schedules a show with its performer as host and puts it on sale", async () => {
    admin = await stack.newPage(ADMIN_ZONE);
    await signInWithBaseUrl(admin, stack.admin.user.email, stack.admin.password);
    await admin.getByRole("link", { name: "Admin" }).click();
    await admin.waitForURL("**/admin/events");
    const form = admin.getByRole("form", { name: "Create event" });
    // Five minutes from now, to the minute, typed in the admin's own zone.
    const startsAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
    await form.getByLabel("Title").fill(TITLE);
    await form.getByLabel("Description").fill("Analog synths, live from the studio.");
    await expect.poll(() => form.getByText(`Starts at (${ADMIN_ZONE})`).count()).toBe(1); // hydrated
    await form.getByLabel(/^Starts at/).fill(wallClock(startsAt, ADMIN_ZONE));
    await form.getByLabel("Price").fill("12.50");
    await form.getByLabel("Capacity").fill("50");
    await shot(admin, "01-admin-create-event");
    await submitServerAction(admin, form.getByRole("button", { name: "Create event" }));
    await admin.waitForURL(/\/admin\/events\/[^/?]+\?created=1/, { timeout: 60_000 });
    eventId = new URL(admin.url()).pathname.split("/").pop()!;

    const hosts = admin.getByRole("form", { name: "Hosts" });
    // Fill only once the form is hydrated (its submit button is enabled then): values typed into the
    // server-rendered form before hydration are lost when React takes it over, on a busy machine.
    await waitForHydratedForm(hosts.getByRole("button", { name: "Save hosts" }));
    await hosts.getByLabel("Host 1", { exact: true }).selectOption({ label: `${stack.performer.user.name} (${stack.performer.user.email})` });
    await hosts.getByLabel("Host 1 share (bps)").fill("10000");
    await submitServerAction(admin, hosts.getByRole("button", { name: "Save hosts" }));
    await hosts.getByRole("status").filter({ hasText: "Hosts saved" }).waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      throw new Error(`no "Hosts saved"; the form says: ${await hosts.getByRole("status").allTextContents().catch(() => [])}`, { cause: error });
    });
    // The button is enabled once its form is hydrated and idle; the action redirects to the notice.
    const putOnSaleForm = admin.getByRole("form", { name: "Put on sale" });
    const putOnSale = putOnSaleForm.getByRole("button", { name: "Put on sale" });
    await waitForHydratedForm(putOnSale);
    const reply = await submitServerAction(admin, putOnSale);
    await admin.waitForURL((url) => url.searchParams.get("notice") === "on_sale", { timeout: 60_000 }).catch(async (error: unknown) => {
      const said = await putOnSaleForm.getByRole("alert").allTextContents().catch(() => []);
      const status = (await stack.db.event.findUnique({ where: { id: eventId }, select: { status: true } }))?.status;
      const sent = reply.request().headers()["next-action"] ?? "";
      throw new Error(`no on-sale notice: page ${admin.url()}, action ${sent} answered ${reply.status()}, form says ${JSON.stringify(said)}, event ${status}`, { cause: error });
    });
    await admin.getByRole("status").filter({ hasText: "The event is on sale" }).waitFor({ timeout: 60_000 });
    await shot(admin, "01-admin-on-sale");

    const stored = await stack.db.event.findUniqueOrThrow({ where: { id: eventId }, include: { hosts: true } });
    expect(stored).toMatchObject({ title: TITLE, status: "on_sale", priceCents: 1250, capacity: 50 });
    expect(stored.startsAt.toISOString()).toBe(startsAt.toISOString());
    expect(stored.hosts.map((h) => h.userId)).toEqual([stack.performer.user.id]);
  });

  it("a new viewer signs up and buys a ticket in test mode; it is under My tickets", async () => {
    watch = await stack.newPage();
    await watch.goto("/signup");
    await watch.getByLabel("Name").fill(VIEWER.name);
    await watch.getByLabel("Email").fill(VIEWER.email);
    await watch.getByLabel("Password").fill(VIEWER.password);
    await submitServerAction(watch, watch.getByRole("button", { name: "Sign up" }));
    await watch.getByRole("link", { name: "My tickets" }).waitFor({ timeout: 60_000 });

    await watch.getByRole("link", { name: TITLE }).click();
    await watch.waitForURL(/\/events\//);
    await watch.getByRole("button", { name: "Buy ticket" }).waitFor({ timeout: 60_000 });
    await shot(watch, "02-event-page");
    await watch.getByRole("button", { name: "Buy ticket" }).click();
    await watch.waitForURL(/\/test-checkout\//);
    await shot(watch, "02-test-checkout");
    await watch.getByRole("button", { name: /^Pay / }).click();
    await watch.waitForURL(/\/me\/tickets/);
    const row = watch.getByRole("row", { name: new RegExp(TITLE) });
    await expect.poll(() => row.textContent()).toContain("Valid");
    expect(await row.textContent()).toContain("$12.50");
    await shot(watch, "02-my-tickets");
    const viewer = await stack.db.user.findUniqueOrThrow({ where: { email: VIEWER.email } });
    expect(await stack.db.ticket.count({ where: { eventId, userId: viewer.id, status: "valid" } })).toBe(1);
  });

  it("the performer's OBS publishes with the studio's stream key and the show goes live", async () => {
    // The viewer is early: the watch page waits for the show.
    await watch.goto(`/watch/${eventId}`);
    await expect.poll(() => watch.getByTestId("player-phase").textContent(), { timeout: 30_000, message: `waiting viewer${logs()}` }).toContain("has not started yet");
    await shot(watch, "03-watch-waiting");
    watchRequests = recordEdgeRequests(watch);

    studio = await stack.newPage();
    await signIn(studio, stack.web.url, stack.performer.user.email, stack.performer.password, `/studio/${eventId}`);
    // No Kurento configured: the studio says so; an encoder can still run the show.
    await expect.poll(() => studio.getByTestId("composite-unavailable").textContent(), { timeout: 30_000, message: `composite notice${logs()}` }).toMatch(/Kurento Media Server/);
    expect(await studio.getByTestId("ingest-url").textContent()).toBe(stack.origin.ingestUrl);
    await studio.getByRole("button", { name: "Show", exact: true }).click();
    await studio.getByRole("button", { name: "Hide", exact: true }).waitFor(); // the key is shown, not the mask
    const streamKey = (await studio.getByTestId("stream-key").textContent()) ?? "";
    expect(streamKey).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    await studio.getByRole("button", { name: "Hide", exact: true }).click();
    await shot(studio, "03-studio-before-live");

    obs = publishTestSource(`${stack.origin.ingestUrl}/${streamKey}`, { bitrateKbps: 800 });
    await waitFor(async () => (await stack.db.event.findUniqueOrThrow({ where: { id: eventId } })).status === "live", 30_000, 250, `the show live${logs()}`);
    await waitFor(() => answers(`http://${stack.origin.httpAddress}/hls/${eventId}_src/index.m3u8`), 30_000, 250, `the show on the origin${logs()}`);
    await expect.poll(() => studio.getByText("LIVE", { exact: true }).count(), { timeout: 15_000, message: `studio LIVE badge${logs()}` }).toBe(1);
    await shot(studio, "03-studio-live");
  });

  it("the waiting viewer's player starts by itself and plays the show over HLS through the autoscaler's edge", async () => {
    const requests = watchRequests;
    await expectPlaying(watch);
    await expect.poll(() => watch.getByText("LIVE", { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Playlist and segments come from the first edge, signed for this viewer (/t/<token>/...).
    expect(requests.some((url) => url.startsWith(`${firstEdge.baseUrl}/t/`) && url.includes(`/${eventId}/${eventId}.m3u8`))).toBe(true);
    expect(requests.some((url) => url.startsWith(`${firstEdge.baseUrl}/t/`) && /\.ts(\?|$)/.test(url)), `segments from ${firstEdge.baseUrl}: ${requests.join("\n")}`).toBe(true);
    expect(requests.filter((url) => !url.startsWith(`${firstEdge.baseUrl}/`))).toEqual([]);
    await shot(watch, "04-watch-hls");
  });

  it("the autoscaler runs a second edge and a second viewer is routed to it", async () => {
    // Every viewer of the show overflows to HLS (threshold 0) and an edge takes one viewer with half of it kept as
    // headroom: the live show needs two edges. The first edge reports its viewer, so the routing sees it loaded.
    await waitFor(async () => (await stack.db.edge.findUniqueOrThrow({ where: { id: firstEdge.id } })).viewers >= 1, 30_000, 250, `the first edge's viewer report${logs()}`);
    await waitFor(async () => (await stack.db.edge.count({ where: { status: "ready" } })) === 2, 60_000, 250, `a second ready edge${logs()}`);
    secondEdge = await stack.db.edge.findFirstOrThrow({ where: { status: "ready", id: { not: firstEdge.id } } });
    expect(secondEdge.baseUrl).not.toBe(firstEdge.baseUrl);
    const decisions = await stack.db.scalingDecision.findMany({ where: { reason: "scale-out" } });
    expect(decisions.some((d) => (JSON.parse(d.actions) as { journal: { created: string[] } }).journal.created.includes(secondEdge.label))).toBe(true);

    const second = await createUser(stack.db, { name: "Sam Second" });
    await createTicket(stack.db, { eventId, userId: second.user.id, source: "purchase" });
    secondWatch = await stack.newPage();
    const requests = recordEdgeRequests(secondWatch);
    await signIn(secondWatch, stack.web.url, second.user.email, second.password, `/watch/${eventId}`);
    await expectPlaying(secondWatch);
    expect(requests.some((url) => url.startsWith(`${secondEdge.baseUrl}/t/`) && url.includes(`/${eventId}/${eventId}.m3u8`))).toBe(true);
    expect(requests.filter((url) => !url.startsWith(`${secondEdge.baseUrl}/`))).toEqual([]);
    await shot(secondWatch, "05-second-viewer-on-new-edge");
    // The performer sees both overflow viewers, as the two edges report them.
    await expect.poll(() => studio.getByTestId("hls-viewer-count").textContent(), { timeout: 30_000, message: `HLS viewers in the studio${logs()}` }).toBe("2");
    await shot(studio, "05-studio-two-hls-viewers");

    await admin.goto("/admin/fleet");
    const edges = admin.getByRole("table", { name: "Edges" });
    for (const edge of [firstEdge, secondEdge]) {
      await expect.poll(() => edges.getByRole("row", { name: new RegExp(edge.label) }).textContent()).toContain("ready");
    }
    await shot(admin, "05-admin-fleet-two-edges");
  });

  it("the first viewer tips; the tip shows in the studio, on the other viewer's page and to the tipper back from paying", async () => {
    await watch.getByLabel(/Amount/).fill("5.00");
    await watch.getByLabel("Tip message").fill("love the bassline");
    await watch.getByRole("button", { name: "Tip", exact: true }).click();
    await watch.waitForURL(/\/test-checkout\//, { timeout: 30_000 });
    await shot(watch, "06-tip-checkout");
    await watch.getByRole("button", { name: /^Pay/ }).click();
    await watch.waitForURL((url) => url.pathname === `/watch/${eventId}`, { timeout: 30_000 });

    const inStudio = studio.getByTestId("tip").filter({ hasText: VIEWER.name });
    await expect.poll(() => inStudio.count(), { timeout: 30_000, message: `tip in the studio${logs()}` }).toBe(1);
    expect(await inStudio.textContent()).toContain("$5.00");
    expect(await inStudio.textContent()).toContain("love the bassline");
    // The audience sees it too.
    const onWatch = secondWatch.getByTestId("tip").filter({ hasText: VIEWER.name });
    await expect.poll(() => onWatch.count(), { timeout: 30_000, message: `tip on the watch page${logs()}` }).toBe(1);
    expect(await onWatch.textContent()).toContain("$5.00");
    await expectPlaying(watch); // the tipper is back on the show after paying
    // ...and finds the tip in the show's tips (the page loads them on joining).
    await expect.poll(() => watch.getByTestId("tip").filter({ hasText: VIEWER.name }).count(), { timeout: 15_000 }).toBe(1);
    await shot(studio, "06-studio-tip");
    await shot(secondWatch, "06-watch-tip");
  });

  it("the performer ends the show; viewers are told; the extra edge is drained and removed, the first stays", async () => {
    studio.once("dialog", (dialog) => void dialog.accept());
    await studio.getByRole("button", { name: "End show" }).click();
    for (const page of [watch, secondWatch]) {
      await expect.poll(() => page.getByText("The show has ended").count(), { timeout: 15_000, message: `show ended on the watch page${logs()}` }).toBeGreaterThan(0);
    }
    expect((await stack.db.event.findUniqueOrThrow({ where: { id: eventId } })).status).toBe("ended");
    for (const page of [studio, watch]) await expect.poll(() => page.getByText("LIVE", { exact: true }).count(), { timeout: 15_000 }).toBe(0);
    await shot(studio, "07-studio-ended");
    await shot(watch, "07-watch-ended");
    await obs?.stop(); // the performer stops streaming

    // Once the edges' viewer windows empty, the autoscaler drains the extra edge and deletes it.
    await waitFor(
      async () => (await stack.db.edge.findUniqueOrThrow({ where: { id: secondEdge.id } })).status === "deleted",
      120_000,
      500,
      `the second edge deleted${logs()}`,
    );
    const removed = await stack.db.edge.findUniqueOrThrow({ where: { id: secondEdge.id } });
    expect(removed.deletedAt).not.toBeNull();
    expect(removed.drainStartedAt).not.toBeNull();
    expect(await answers(`${secondEdge.baseUrl}/healthz`)).toBe(false);
    expect((await stack.db.edge.findUniqueOrThrow({ where: { id: firstEdge.id } })).status).toBe("ready");
    expect(await answers(`${firstEdge.baseUrl}/healthz`)).toBe(true);

    await admin.goto("/admin/fleet");
    const edges = admin.getByRole("table", { name: "Edges" });
    await expect.poll(() => edges.getByRole("row", { name: new RegExp(secondEdge.label) }).textContent()).toContain("deleted");
    await expect.poll(() => edges.getByRole("row", { name: new RegExp(firstEdge.label) }).textContent()).toContain("ready");
    await shot(admin, "07-admin-fleet-after");
  }, 240_000); // longer than the scale-in wait above, so a failure reports that wait and the services' output
});
