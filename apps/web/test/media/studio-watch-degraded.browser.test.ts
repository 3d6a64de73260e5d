/**
 * Studio and watch pages when things are not fine: the media server (fake
 * KMS) is down when the performer opens the studio, the show is past its
 * WebRTC viewer threshold so a ticket holder is routed to HLS, and people
 * without the right open the pages. Same stack as
 * studio-watch.browser.test.ts (built web app, real media service, Chromium).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { createUser } from "@limelight/db/seed/factories";
import { freePort } from "@limelight/testkit";
import { startMediaStack, type MediaStack } from "./media-stack";
import { recordedPeers } from "./rtc-recorder";
import { signIn } from "../support/sign-in";

let kmsPort: number;
let kms: FakeKms | undefined;
let stack: MediaStack;
let studio: Page;
let watch: Page;

beforeAll(async () => {
  kmsPort = await freePort();
  stack = await startMediaStack({
    kmsUrls: [`ws://127.0.0.1:${kmsPort}/kurento`],
    // Every ticket holder beyond 0 WebRTC viewers goes to HLS.
    webEnv: { WEBRTC_VIEWER_THRESHOLD: "0" },
    mediaEnv: { KMS_RETRY_MS: "500", KMS_FAIL_AFTER: "1" },
  });
  const edgePort = await freePort();
  await stack.db.edge.create({
    data: { label: "edge-test-1", provider: "local", region: "local", plan: "local", status: "ready", baseUrl: `http://127.0.0.1:${edgePort}`, hourlyCostCents: 0 },
  });
});

afterAll(async () => {
  await stack?.stop();
  await kms?.stop();
});

describe("studio and watch pages with the media server down, an overflowing show, and no right to enter", () => {
  it("tells the performer the media server is unavailable, then goes live once it is back", async () => {
    studio = await stack.newPage();
    await signIn(studio, stack.web.url, stack.performer.user.email, stack.performer.password, `/studio/${stack.eventId}`);
    await expect.poll(() => studio.getByTestId("media-status").textContent(), { timeout: 30_000 }).toContain("Media server unavailable");

    await studio.getByRole("button", { name: "Go live" }).click();
    await expect.poll(() => studio.getByTestId("broadcast-message").textContent(), { timeout: 30_000 }).toContain("You will go live automatically as soon as it is back");
    await studio.screenshot({ path: join(stack.shots, "studio-kms-down.png"), fullPage: true });

    kms = await startFakeKms({ port: kmsPort });
    await expect.poll(() => studio.getByTestId("broadcast-phase").textContent(), { timeout: 45_000 }).toContain("You are live");
    await expect.poll(() => studio.getByTestId("media-status").count(), { timeout: 15_000 }).toBe(0);
    expect(kms.graph.ofType("WebRtcEndpoint")).toHaveLength(1);
    expect(kms.graph.ofType("Composite")).toHaveLength(1);
  });

  it("routes a ticket holder past the WebRTC threshold to the HLS player, with chat still working", async () => {
    watch = await stack.newPage();
    await signIn(watch, stack.web.url, stack.viewer.user.email, stack.viewer.password, `/watch/${stack.eventId}`);
    await expect.poll(() => watch.getByTestId("hls-player").count(), { timeout: 30_000 }).toBe(1);
    expect(await watch.getByTestId("watch-video").count()).toBe(0);
    // No WebRTC negotiation for an HLS viewer: the studio's endpoint stays the only one.
    expect((await recordedPeers(watch)).filter((p) => p.remoteSdp !== null)).toHaveLength(0);
    expect(kms!.graph.ofType("WebRtcEndpoint")).toHaveLength(1);

    await watch.getByLabel("Chat message").fill("watching over HLS");
    await watch.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => studio.getByTestId("chat-message").filter({ hasText: "watching over HLS" }).count(), { timeout: 15_000 }).toBe(1);
    await watch.screenshot({ path: join(stack.shots, "watch-hls.png"), fullPage: true });
  });

  it("tells a ticket holder whose ticket is refunded mid-show why the show stopped (access:revoked)", async () => {
    await stack.db.ticket.updateMany({ where: { eventId: stack.eventId, userId: stack.viewer.user.id }, data: { status: "refunded" } });
    await expect.poll(() => watch.getByTestId("media-status").textContent(), { timeout: 30_000 }).toContain("Your ticket is refunded");
    await watch.screenshot({ path: join(stack.shots, "watch-access-revoked.png"), fullPage: true });
  });
  it("shows the 403 page to a performer who does not host the show and to a viewer without a ticket", async () => {
    const otherPerformer = await createUser(stack.db, { role: "performer", name: "Olga Other" });
    const page = await stack.newPage();
    await signIn(page, stack.web.url, otherPerformer.user.email, otherPerformer.password, "/");
    const studioResponse = await page.goto(`${stack.web.url}/studio/${stack.eventId}`);
    expect(studioResponse?.status()).toBe(403);
    expect(await page.getByText("Not allowed").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("stream-key").count()).toBe(0);

    const noTicket = await createUser(stack.db, { role: "viewer", name: "Nora NoTicket" });
    const viewerPage = await stack.newPage();
    await signIn(viewerPage, stack.web.url, noTicket.user.email, noTicket.password, "/");
    const watchResponse = await viewerPage.goto(`${stack.web.url}/watch/${stack.eventId}`);
    expect(watchResponse?.status()).toBe(403);
    expect(await viewerPage.getByTestId("watch-video").count()).toBe(0);
  });
});
