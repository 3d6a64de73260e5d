/**
 * Studio and watch pages end to end: real Chromium (fake camera and
 * microphone), the built web app, the real media service (socket.io +
 * kurento-client) and a fake Kurento Media Server speaking the Kurento
 * Protocol. A performer goes live from the studio; a ticket holder watches;
 * the test checks what reached the media graph and what reached the pages.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startFakeKms, type FakeKms, type MediaGraph } from "@limelight/fake-kms";
import { waitFor } from "@limelight/testkit";
import { startMediaStack, type MediaStack } from "./media-stack";
import { recordedPeers, type RecordedPeer } from "./rtc-recorder";
import { signIn } from "../support/sign-in";

// Loopback: the test stack runs with LOCAL_ONLY=true, which refuses public addresses.
const INGEST_URL = "rtmp://127.0.0.1:1935/ingest";

let kms: FakeKms;
let stack: MediaStack;
let studio: Page;
let watch: Page;

/** The page's one live (not closed) peer connection that has an answer applied. */
async function livePeer(page: Page): Promise<RecordedPeer> {
  let found: RecordedPeer | undefined;
  await waitFor(
    async () => {
      found = (await recordedPeers(page)).find((p) => !p.closed && p.remoteSdp !== null);
      return found !== undefined;
    },
    30_000,
    200,
    "a peer connection with a remote description",
  );
  return found!;
}

/** The ICE username fragment of an SDP (RFC 8839 `a=ice-ufrag`), which identifies one side of one negotiation. */
function iceUfrag(sdp: string | null | undefined): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp ?? "")?.[1] ?? null;
}

/**
 * The WebRtcEndpoint negotiated with `peer`: its processOffer got the page's
 * offer and the page applied its answer. Chromium adds candidate lines to both
 * descriptions after negotiation, so they are matched by ICE credentials.
 */
function endpointOf(graph: MediaGraph, peer: RecordedPeer) {
  return graph
    .ofType("WebRtcEndpoint")
    .find((e) => iceUfrag(e.state.remoteSdp) === iceUfrag(peer.localSdp) && iceUfrag(e.state.localSdp) === iceUfrag(peer.remoteSdp));
}

/** The latest recorded state of the same negotiation as `peer` (matched by ICE ufrag). */
async function refreshed(page: Page, peer: RecordedPeer): Promise<RecordedPeer> {
  const found = (await recordedPeers(page)).find((p) => iceUfrag(p.localSdp) === iceUfrag(peer.localSdp));
  if (!found) throw new Error("the negotiation is gone from the page");
  return found;
}

/**
 * Waits until `page` has a live peer connection (other than `previous`, when
 * given) negotiated with a WebRtcEndpoint that is in the graph and wired
 * (connected to something); returns both.
 */
async function negotiated(page: Page, previous?: RecordedPeer) {
  let result: { peer: RecordedPeer; endpoint: NonNullable<ReturnType<typeof endpointOf>> } | undefined;
  await waitFor(
    async () => {
      const peers = (await recordedPeers(page)).filter((p) => !p.closed && p.remoteSdp !== null && (!previous || iceUfrag(p.localSdp) !== iceUfrag(previous.localSdp)));
      for (const peer of peers) {
        const endpoint = endpointOf(kms.graph, peer);
        if (endpoint && kms.graph.connectionsTo(endpoint.id).length > 0) result = { peer, endpoint };
      }
      return result !== undefined;
    },
    30_000,
    200,
    `a new negotiation${logs()}`,
  );
  return result!;
}

function logs(): string {
  return stack?.logs() ?? "";
}

beforeAll(async () => {
  kms = await startFakeKms();
  stack = await startMediaStack({ kmsUrls: [kms.url], webEnv: { RTMP_INGEST_URL: INGEST_URL } });
});

afterAll(async () => {
  await stack?.stop();
  await kms?.stop();
});

/** The program HubPort the first WebRTC viewer was fed from, and the Composite's HubPort count then. */
let programPortId = "";
let hubPortsWithOneViewer = 0;

describe("studio and watch pages against the media service and a fake KMS", () => {
  it("shows the performer a camera preview, device choice and the OBS ingest settings", async () => {
    studio = await stack.newPage();
    await signIn(studio, stack.web.url, stack.performer.user.email, stack.performer.password, `/studio/${stack.eventId}`);
    await expect.poll(() => studio.getByTestId("preview-video").evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getVideoTracks().length ?? 0)).toBe(1);
    await expect.poll(() => studio.getByLabel("Camera").locator("option").count()).toBeGreaterThan(0);
    expect(await studio.getByTestId("ingest-url").textContent()).toBe(INGEST_URL);
    await studio.getByRole("button", { name: "Show", exact: true }).click();
    await expect.poll(() => studio.getByTestId("stream-key").textContent()).toBe(stack.streamKey);
    await studio.getByRole("button", { name: "Hide", exact: true }).click();
  });

  it("keeps an early ticket holder waiting until the show goes live", async () => {
    watch = await stack.newPage();
    await signIn(watch, stack.web.url, stack.viewer.user.email, stack.viewer.password, `/watch/${stack.eventId}`);
    await expect.poll(() => watch.getByTestId("player-phase").textContent(), { timeout: 30_000 }).toContain("has not started yet");
    expect((await recordedPeers(watch)).filter((p) => !p.closed && p.remoteSdp !== null)).toHaveLength(0);
    await watch.screenshot({ path: join(stack.shots, "watch-waiting.png"), fullPage: true });
  });

  it("goes live: the host's SDP offer reaches a WebRtcEndpoint on a HubPort of the show's Composite, and trickle ICE flows both ways", async () => {
    await studio.getByRole("button", { name: "Go live" }).click();
    await expect.poll(() => studio.getByTestId("broadcast-phase").textContent(), { timeout: 30_000 }).toContain("You are live");

    // The WebRtcEndpoint answered the page's offer and the page applied that answer.
    const { peer, endpoint } = await negotiated(studio);
    expect(peer.localSdp).toContain("a=sendrecv");
    expect(endpoint.state.role).toBe("answerer");

    const composites = kms.graph.ofType("Composite", endpoint.pipeline!);
    expect(composites).toHaveLength(1);
    const hostPort = kms.graph
      .childrenOf(composites[0]!.id)
      .find((port) => kms.graph.isConnected(endpoint.id, port.id) && kms.graph.isConnected(port.id, endpoint.id));
    expect(hostPort, "the host's endpoint is connected both ways to a HubPort of the Composite").toBeDefined();

    // Browser → KMS: the candidates Chromium gathered reached addIceCandidate on this endpoint.
    await waitFor(() => endpoint.state.remoteCandidates.length > 0, 15_000, 100, "browser ICE candidates at the endpoint");
    // The endpoint's candidates are read before the page's: the page records a candidate before sending it, while
    // Chromium may still be gathering (TCP candidates come last), so an endpoint read after the page's can be ahead of it.
    const atEndpoint = endpoint.state.remoteCandidates.map((c) => c.candidate);
    const gathered = (await refreshed(studio, peer)).gathered;
    for (const c of atEndpoint) expect(gathered).toContain(c);
    // KMS → browser: the endpoint's IceCandidateFound candidates reached the page.
    expect(endpoint.state.gathered).toBe(true);
    await expect.poll(async () => (await refreshed(studio, peer)).applied, { timeout: 15_000 }).toEqual(
      expect.arrayContaining(endpoint.state.localCandidates.map((c) => c.candidate)),
    );
    expect(endpoint.state.localCandidates.length).toBeGreaterThan(0);
    await studio.screenshot({ path: join(stack.shots, "studio-live.png"), fullPage: true });
  });

  it("starts the waiting ticket holder's player: a recvonly WebRtcEndpoint fed from the program HubPort answers the viewer's offer", async () => {
    const { peer, endpoint } = await negotiated(watch);
    expect(peer.localSdp).toContain("a=recvonly");
    expect(endpoint.state.role).toBe("answerer");

    const composite = kms.graph.ofType("Composite", endpoint.pipeline!)[0]!;
    // Exactly one source (one connection record per media type): a HubPort of the Composite that no host sends into.
    const sources = [...new Set(kms.graph.connectionsTo(endpoint.id).map((c) => c.source))];
    expect(sources).toHaveLength(1);
    const program = kms.graph.get(sources[0]!)!;
    expect(program.type).toBe("HubPort");
    expect(program.parent).toBe(composite.id);
    expect(kms.graph.connectionsTo(program.id).filter((c) => kms.graph.get(c.source)?.type === "WebRtcEndpoint")).toHaveLength(0);
    programPortId = program.id;
    hubPortsWithOneViewer = kms.graph.ofType("HubPort", endpoint.pipeline!).length;
    // Nothing flows back from a viewer into the mix.
    expect(kms.graph.connectionsFrom(endpoint.id)).toHaveLength(0);

    await waitFor(() => endpoint.state.remoteCandidates.length > 0, 15_000, 100, "viewer ICE candidates at the endpoint");
    const atEndpoint = endpoint.state.remoteCandidates.map((c) => c.candidate); // before the page's, as above
    const gathered = (await refreshed(watch, peer)).gathered;
    for (const c of atEndpoint) expect(gathered).toContain(c);
    await expect.poll(async () => (await refreshed(watch, peer)).applied, { timeout: 15_000 }).toEqual(
      expect.arrayContaining(endpoint.state.localCandidates.map((c) => c.candidate)),
    );

    // The studio's live viewer count follows, and adds the overflow viewers an edge reports for this show.
    await expect.poll(() => studio.getByTestId("viewer-count").textContent(), { timeout: 15_000 }).toBe("1");
    const edge = await stack.db.edge.create({
      data: { label: "studio-count-edge", provider: "local", region: "local", plan: "nginx", hourlyCostCents: 0, status: "draining", viewers: 5, showViewers: JSON.stringify({ [stack.eventId]: 3, "another-show": 2 }) },
    });
    await expect.poll(() => studio.getByTestId("hls-viewer-count").textContent(), { timeout: 15_000 }).toBe("3");
    expect(await studio.getByTestId("viewer-total").textContent()).toBe("4");
    await stack.db.edge.delete({ where: { id: edge.id } });
    await watch.screenshot({ path: join(stack.shots, "watch-webrtc.png"), fullPage: true });
  });

  it("carries chat both ways and lets the host delete a message and ban a viewer", async () => {
    await watch.getByLabel("Chat message").fill("hello from the audience");
    await watch.getByRole("button", { name: "Send" }).click();
    const inStudio = studio.getByTestId("chat-message").filter({ hasText: "hello from the audience" });
    await expect.poll(() => inStudio.count(), { timeout: 15_000 }).toBe(1);

    await studio.getByLabel("Chat message").fill("thanks for coming");
    await studio.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => watch.getByTestId("chat-message").filter({ hasText: "thanks for coming" }).count(), { timeout: 15_000 }).toBe(1);

    await inStudio.getByRole("button", { name: /Delete message/ }).click();
    await expect.poll(() => watch.getByTestId("chat-message").filter({ hasText: "hello from the audience" }).count(), { timeout: 15_000 }).toBe(0);

    // A ban removes the viewer's messages and stops them from chatting.
    await watch.getByLabel("Chat message").fill("buy cheap followers");
    await watch.getByRole("button", { name: "Send" }).click();
    const spam = studio.getByTestId("chat-message").filter({ hasText: "buy cheap followers" });
    await expect.poll(() => spam.count(), { timeout: 15_000 }).toBe(1);
    await spam.getByRole("button", { name: /^Ban/ }).click();
    await expect.poll(() => watch.getByTestId("chat-message").filter({ hasText: "buy cheap followers" }).count(), { timeout: 15_000 }).toBe(0);
    await watch.getByLabel("Chat message").fill("let me back in");
    await watch.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => watch.getByLabel("Chat").getByRole("alert").count(), { timeout: 15_000 }).toBe(1);
    expect(await studio.getByTestId("chat-message").filter({ hasText: "let me back in" }).count()).toBe(0);
    await studio.screenshot({ path: join(stack.shots, "studio-chat.png"), fullPage: true });
  });

  it("lets a ticket holder tip through Checkout and shows the confirmed tip in the studio", async () => {
    await watch.getByLabel(/Amount/).fill("7.50");
    await watch.getByLabel("Tip message").fill("great set");
    await watch.getByRole("button", { name: "Tip", exact: true }).click();
    await watch.waitForURL(/\/test-checkout\//, { timeout: 30_000 });
    await watch.getByRole("button", { name: /^Pay/ }).click();
    await watch.waitForURL((url) => url.pathname === `/watch/${stack.eventId}`, { timeout: 30_000 });
    await expect.poll(() => watch.getByText("Your tip will appear in the show").count(), { timeout: 15_000 }).toBe(1);
    const tip = studio.getByTestId("tip").filter({ hasText: "Vic Viewer" });
    await expect.poll(() => tip.count(), { timeout: 30_000 }).toBe(1);
    expect(await tip.textContent()).toContain("$7.50");
    expect(await tip.textContent()).toContain("great set");
    await livePeer(watch);
    await studio.screenshot({ path: join(stack.shots, "studio-tip.png"), fullPage: true });
  });

  it("injects a video into the mix: add, play, stop, end of stream shown, remove", async () => {
    const uri = "https://videos.example.test/intro.webm";
    await studio.getByLabel("Video title").fill("Intro clip");
    await studio.getByLabel("Video URI").fill(uri);
    await studio.getByRole("button", { name: "Add video" }).click();
    const item = studio.getByTestId("injected-video").filter({ hasText: "Intro clip" });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);

    const player = await kms.graph.waitFor(() => kms.graph.ofType("PlayerEndpoint").find((p) => p.params.uri === uri), 15_000);
    const port = kms.graph.connectionsFrom(player.id).map((c) => kms.graph.get(c.sink)).find((o) => o?.type === "HubPort");
    expect(port, "the PlayerEndpoint feeds a HubPort").toBeDefined();
    expect(kms.graph.get(port!.parent!)?.type).toBe("Composite");

    await item.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain("Playing");
    expect(player.state.uriState).toBe("START");
    await item.getByRole("button", { name: "Stop" }).click();
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain("Stopped");
    expect(player.state.uriState).toBe("STOP");
    await item.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain("Playing");

    kms.graph.emit(player.id, "EndOfStream");
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain("Ended (end of stream)");
    await studio.screenshot({ path: join(stack.shots, "studio-video-ended.png"), fullPage: true });

    await item.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);
    await waitFor(() => !kms.graph.has(player.id), 15_000, 100, "PlayerEndpoint release");
  });

  it("reconnects a viewer after a network loss with a new SDP offer", async () => {
    const before = await livePeer(watch);
    await watch.context().setOffline(true);
    await expect.poll(() => watch.getByTestId("media-status").textContent(), { timeout: 60_000 }).toContain("Reconnecting");
    await watch.context().setOffline(false);
    const { endpoint } = await negotiated(watch, before);
    // Viewers share the show's one program HubPort: the new endpoint hangs off the same port, and no HubPort was added for it.
    expect([...new Set(kms.graph.connectionsTo(endpoint.id).map((c) => c.source))]).toEqual([programPortId]);
    await waitFor(() => kms.graph.ofType("HubPort", endpoint.pipeline!).length === hubPortsWithOneViewer, 15_000, 100, "the old viewer endpoint released, no HubPort added");
    await expect.poll(() => watch.getByTestId("media-status").count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => studio.getByTestId("viewer-count").textContent(), { timeout: 30_000 }).toBe("1");
  });

  it("brings a host back into the same slot with a new SDP offer after a network loss", async () => {
    const before = await livePeer(studio);
    const phase = await studio.getByTestId("broadcast-phase").textContent();
    await studio.context().setOffline(true);
    await expect.poll(() => studio.getByTestId("media-status").textContent(), { timeout: 60_000 }).toContain("Reconnecting");
    await studio.context().setOffline(false);
    const { endpoint } = await negotiated(studio, before);
    const composite = kms.graph.ofType("Composite", endpoint.pipeline!)[0]!;
    expect(kms.graph.childrenOf(composite.id).some((port) => kms.graph.isConnected(endpoint.id, port.id) && kms.graph.isConnected(port.id, endpoint.id))).toBe(true);
    await expect.poll(() => studio.getByTestId("broadcast-phase").textContent(), { timeout: 15_000 }).toBe(phase);
    await expect.poll(() => studio.getByTestId("media-status").count(), { timeout: 15_000 }).toBe(0);
  });

  it("renegotiates the studio and the watch page when the media server restarts mid-show", async () => {
    const hostBefore = await livePeer(studio);
    const viewerBefore = await livePeer(watch);
    await kms.restart();
    const host = await negotiated(studio, hostBefore);
    const viewerAfter = await negotiated(watch, viewerBefore);
    const composite = kms.graph.ofType("Composite", host.endpoint.pipeline!)[0]!;
    expect(kms.graph.childrenOf(composite.id).some((port) => kms.graph.isConnected(host.endpoint.id, port.id))).toBe(true);
    expect(viewerAfter.endpoint.pipeline).toBe(host.endpoint.pipeline);
    await expect.poll(() => studio.getByTestId("broadcast-phase").textContent(), { timeout: 15_000 }).toContain("You are live");
    await studio.screenshot({ path: join(stack.shots, "studio-after-kms-restart.png"), fullPage: true });
  });

  it("tells the first device when the same ticket is opened on another one", async () => {
    const second = await stack.newPage();
    await signIn(second, stack.web.url, stack.viewer.user.email, stack.viewer.password, `/watch/${stack.eventId}`);
    await livePeer(second);
    await expect.poll(() => watch.getByTestId("taken-over").count(), { timeout: 15_000 }).toBe(1);
    await watch.screenshot({ path: join(stack.shots, "watch-taken-over.png"), fullPage: true });
    watch = second;
  });

  it("ends the show from the studio: viewers are told and the MediaPipeline is released", async () => {
    const pipelines = kms.graph.pipelines().map((p) => p.id);
    expect(pipelines.length).toBeGreaterThan(0);
    studio.once("dialog", (dialog) => void dialog.accept());
    await studio.getByRole("button", { name: "End show" }).click();
    await expect.poll(() => studio.getByTestId("broadcast-phase").textContent(), { timeout: 15_000 }).toBe("Show ended");
    await expect.poll(() => watch.getByText("The show has ended").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await waitFor(() => pipelines.every((id) => !kms.graph.has(id)), 15_000, 100, "pipeline release");
    expect((await stack.db.event.findUniqueOrThrow({ where: { id: stack.eventId } })).status).toBe("ended");
    await watch.screenshot({ path: join(stack.shots, "watch-ended.png"), fullPage: true });
  });
});
