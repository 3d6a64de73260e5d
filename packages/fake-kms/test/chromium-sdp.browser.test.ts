import { launchChromium } from "@limelight/testkit";
import type { KurentoClient, MediaObject } from "kurento-client";
import kurento from "kurento-client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "../src/index";
import { call, connectClient, create } from "./helpers";

// Real Chromium accepts the fake KMS's SDP answers, offers and ICE
// candidates, and the fake accepts Chromium's: what the studio and watch
// pages do against the fake KMS in the platform's browser tests.
describe("Chromium negotiates with the fake KMS", () => {
  let kms: FakeKms;
  let client: KurentoClient;
  let browser: Browser;
  let page: Page;
  let pipeline: MediaObject;
  const IceCandidate = (kurento as unknown as { getComplexType(n: string): new (v: object) => object }).getComplexType(
    "IceCandidate",
  );

  beforeAll(async () => {
    kms = await startFakeKms();
    client = await connectClient(kms.url);
    pipeline = await create(client, "MediaPipeline");
    browser = await launchChromium({ fakeMedia: true });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    client?.close();
    await kms?.stop();
  });

  /** Chromium side: an RTCPeerConnection with audio+video transceivers in `direction`; returns its offer. */
  async function browserOffer(direction: "sendrecv" | "recvonly"): Promise<string> {
    return page.evaluate(async (dir) => {
      const pc = new RTCPeerConnection();
      const w = window as unknown as { pc: RTCPeerConnection; candidates: RTCIceCandidateInit[] };
      w.pc = pc;
      w.candidates = [];
      pc.onicecandidate = (e) => {
        if (e.candidate) w.candidates.push(e.candidate.toJSON());
      };
      pc.addTransceiver("audio", { direction: dir });
      pc.addTransceiver("video", { direction: dir });
      await pc.setLocalDescription(await pc.createOffer());
      return pc.localDescription?.sdp ?? "";
    }, direction);
  }

  /** Feed the endpoint's ICE candidates to Chromium and Chromium's to the endpoint. */
  async function trickle(ep: MediaObject): Promise<number> {
    const found: Array<Record<string, unknown>> = [];
    const done = new Promise((resolve) => ep.on("IceGatheringDone", resolve));
    ep.on("IceCandidateFound", (e) => found.push(e.candidate as Record<string, unknown>));
    await kms.graph.waitFor(() => kms.graph.subscriptions(ep.id).length === 2);
    await call(ep, "gatherCandidates");
    await done;
    await page.evaluate(async (cands) => {
      const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
      for (const c of cands) await pc.addIceCandidate({ candidate: c.candidate as string, sdpMid: c.sdpMid as string, sdpMLineIndex: c.sdpMLineIndex as number });
    }, found);
    const fromBrowser = await page.waitForFunction(() => {
      const w = window as unknown as { candidates: RTCIceCandidateInit[] };
      return w.candidates.length > 0 ? w.candidates : null;
    });
    const list = (await fromBrowser.jsonValue()) as RTCIceCandidateInit[];
    for (const c of list) await call(ep, "addIceCandidate", new IceCandidate({ candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex }));
    return found.length;
  }

  it("a host's sendrecv offer: Chromium takes the answer and the candidates", async () => {
    const offer = await browserOffer("sendrecv");
    const ep = await create(pipeline, "WebRtcEndpoint");
    const answer = await call<string>(ep, "processOffer", offer);
    const state = await page.evaluate(async (sdp) => {
      const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
      await pc.setRemoteDescription({ type: "answer", sdp });
      return { signaling: pc.signalingState, directions: pc.getTransceivers().map((t) => t.currentDirection) };
    }, answer);
    expect(state).toEqual({ signaling: "stable", directions: ["sendrecv", "sendrecv"] });
    expect(await trickle(ep)).toBeGreaterThan(0);
    expect(kms.graph.get(ep.id)?.state.remoteCandidates.length).toBeGreaterThan(0);
  });

  it("a viewer's recvonly offer to a sendonly endpoint: Chromium receives only", async () => {
    const offer = await browserOffer("recvonly");
    const ep = await create(pipeline, "WebRtcEndpoint", { sendonly: true });
    const answer = await call<string>(ep, "processOffer", offer);
    const directions = await page.evaluate(async (sdp) => {
      const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
      await pc.setRemoteDescription({ type: "answer", sdp });
      return pc.getTransceivers().map((t) => t.currentDirection);
    }, answer);
    expect(directions).toEqual(["recvonly", "recvonly"]);
    expect(await trickle(ep)).toBeGreaterThan(0);
  });

  it("an offer from the endpoint (generateOffer): Chromium answers and processAnswer takes it", async () => {
    const ep = await create(pipeline, "WebRtcEndpoint");
    const offer = await call<string>(ep, "generateOffer");
    const answer = await page.evaluate(async (sdp) => {
      const pc = new RTCPeerConnection();
      (window as unknown as { pc: RTCPeerConnection }).pc = pc;
      await pc.setRemoteDescription({ type: "offer", sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      return pc.localDescription?.sdp ?? "";
    }, offer);
    expect(answer.startsWith("v=0")).toBe(true);
    expect(await call<string>(ep, "processAnswer", answer)).toBe(offer);
  });
});
