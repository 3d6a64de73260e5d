import type { KurentoClient, MediaObject } from "kurento-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "../src/index";
import { BROWSER_OFFER, FFMPEG_OFFER, VIEWER_OFFER, call, connectClient, create, failure, mediaSections } from "./helpers";

// The real kurento-client builds a show's media graph against the fake KMS;
// the graph the server keeps is what a show would look like on a real KMS.
describe("fake KMS with the real kurento-client: show graph", () => {
  let kms: FakeKms;
  let client: KurentoClient;

  beforeAll(async () => {
    kms = await startFakeKms();
    client = await connectClient(kms.url);
  });
  afterAll(async () => {
    client?.close();
    await kms?.stop();
  });

  it("creates a pipeline with a Composite, HubPorts and endpoints, wired as a show", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const composite = await create(pipeline, "Composite");
    const hostPort = await call<MediaObject>(composite, "createHubPort");
    const programPort = await call<MediaObject>(composite, "createHubPort");
    const host = await create(pipeline, "WebRtcEndpoint");
    // A viewer's endpoint only sends (to the browser): sendonly from KMS's side.
    const viewer = await create(pipeline, "WebRtcEndpoint", { sendonly: true });
    const player = await create(pipeline, "PlayerEndpoint", { uri: "file:///media/clip.webm", useEncodedMedia: false });
    const playerPort = await call<MediaObject>(composite, "createHubPort");
    await call(host, "connect", hostPort);
    await call(hostPort, "connect", host);
    await call(player, "connect", playerPort);
    await call(programPort, "connect", viewer);

    const g = kms.graph;
    expect(g.pipelines().map((p) => p.id)).toContain(pipeline.id);
    expect(pipeline.id).toMatch(/_kurento\.MediaPipeline$/);
    expect(host.id.startsWith(`${pipeline.id}/`)).toBe(true);
    expect(g.ofType("HubPort", pipeline.id).map((p) => p.id).sort()).toEqual(
      [hostPort.id, programPort.id, playerPort.id].sort(),
    );
    expect(g.get(hostPort.id)?.parent).toBe(composite.id);
    expect(g.get(hostPort.id)?.params).toEqual({ hub: composite.id });
    expect(g.get(viewer.id)?.params).toEqual({ mediaPipeline: pipeline.id, sendonly: true });
    expect(g.get(player.id)?.params.uri).toBe("file:///media/clip.webm");
    expect(g.isConnected(host.id, hostPort.id)).toBe(true);
    expect(g.isConnected(hostPort.id, host.id)).toBe(true);
    expect(g.isConnected(player.id, playerPort.id)).toBe(true);
    expect(g.isConnected(programPort.id, viewer.id, "VIDEO")).toBe(true);
    expect(g.connectionsTo(viewer.id).map((c) => c.mediaType).sort()).toEqual(["AUDIO", "DATA", "VIDEO"]);

    // The client sees the same connections through the API.
    const sinks = await call<Array<{ sink: string; type: string }>>(programPort, "getSinkConnections");
    expect(sinks.filter((c) => c.sink === viewer.id).map((c) => c.type).sort()).toEqual(["AUDIO", "DATA", "VIDEO"]);
    const manager = await call<MediaObject>(client, "getServerManager");
    const pipelines = await call<MediaObject[]>(manager, "getPipelines");
    expect(pipelines.map((p) => p.id)).toContain(pipeline.id);
    const children = await call<MediaObject[]>(composite, "getChildren");
    expect(children.map((c) => c.id).sort()).toEqual([hostPort.id, programPort.id, playerPort.id].sort());
    await call(pipeline, "release");
  });

  it("answers a WebRTC offer m-line by m-line and trickles ICE candidates as events", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const viewer = await create(pipeline, "WebRtcEndpoint", { sendonly: true });
    const candidates: Array<{ candidate: string; sdpMid: string; sdpMLineIndex: number }> = [];
    const gathered = new Promise<void>((resolve) => viewer.on("IceGatheringDone", () => resolve()));
    viewer.on("IceCandidateFound", (e) => candidates.push(e.candidate as (typeof candidates)[number]));

    const answer = await call<string>(viewer, "processOffer", VIEWER_OFFER);
    expect(answer.startsWith("v=0")).toBe(true);
    const sections = mediaSections(answer);
    expect(sections.map((s) => s.kind)).toEqual(["audio", "video"]);
    // recvonly browser offer → the sendonly endpoint answers sendonly; only codecs KMS has (no rtx, no AV1).
    expect(sections.every((s) => s.attributes.includes("sendonly"))).toBe(true);
    expect(sections[1]?.formats).toEqual(["96"]);
    expect(sections.every((s) => s.attributes.some((a) => /^ice-ufrag:.{4,}/.test(a)))).toBe(true);
    expect(sections.every((s) => s.attributes.some((a) => /^fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(a)))).toBe(true);
    expect(answer).toContain("a=group:BUNDLE 0 1");
    expect(await call<string>(viewer, "getLocalSessionDescriptor")).toBe(answer);
    expect(await call<string>(viewer, "getRemoteSessionDescriptor")).toBe(VIEWER_OFFER);

    // A host (sendrecv endpoint) answers a sendrecv offer sendrecv; a receive-only endpoint answers recvonly.
    const host = await create(pipeline, "WebRtcEndpoint");
    const hostAnswer = await call<string>(host, "processOffer", BROWSER_OFFER);
    expect(mediaSections(hostAnswer).every((s) => s.attributes.includes("sendrecv"))).toBe(true);
    const ingest = await create(pipeline, "WebRtcEndpoint", { recvonly: true });
    const ingestAnswer = await call<string>(ingest, "processOffer", BROWSER_OFFER);
    expect(mediaSections(ingestAnswer).every((s) => s.attributes.includes("recvonly"))).toBe(true);
    expect(ingestAnswer).not.toContain("a=ssrc:");

    await call(viewer, "gatherCandidates");
    await gathered;
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(c.candidate).toMatch(/^candidate:\d+ 1 (UDP|TCP) \d+ 127\.0\.0\.1 \d+ typ host/);
    }
    // As KMS 7: every candidate is announced once per m-line, with the offer's mid and the m-line index.
    expect(new Set(candidates.map((c) => `${c.sdpMid}@${c.sdpMLineIndex}`))).toEqual(new Set(["0@0", "1@1"]));
    expect(kms.graph.get(viewer.id)?.state.localCandidates).toHaveLength(candidates.length);

    const remote = { candidate: "candidate:1 1 UDP 2122260223 192.168.1.20 50000 typ host", sdpMid: "0", sdpMLineIndex: 0 };
    const IceCandidate = (await import("kurento-client")).default as unknown as {
      getComplexType(name: string): new (v: object) => object;
    };
    const Candidate = IceCandidate.getComplexType("IceCandidate");
    await call(viewer, "addIceCandidate", new Candidate(remote));
    expect(kms.graph.get(viewer.id)?.state.remoteCandidates).toEqual([remote]);
    // KMS 7 ignores a candidate it cannot parse, without an error.
    await call(viewer, "addIceCandidate", new Candidate({ ...remote, candidate: "nonsense" }));
    expect(kms.graph.get(viewer.id)?.state.remoteCandidates).toEqual([remote]);
    await call(pipeline, "release");
  });

  it("gives the RTP bridge an answer with local ports and the direction flipped", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const rtp = await create(pipeline, "RtpEndpoint");
    const answer = await call<string>(rtp, "processOffer", FFMPEG_OFFER);
    const sections = mediaSections(answer);
    expect(sections.map((s) => s.kind)).toEqual(["audio", "video"]);
    for (const s of sections) {
      expect(s.port).toBeGreaterThan(0);
      expect(s.port % 2).toBe(0);
      expect(s.attributes).toContain("sendonly");
    }
    expect(sections[0]?.formats).toEqual(["96"]);
    expect(sections[1]?.formats).toEqual(["103"]);
    expect(answer).toContain("c=IN IP4 127.0.0.1");
    expect(answer).not.toContain("ice-ufrag");
    await call(rtp, "setMinVideoSendBandwidth", 500);
    expect(await call<number>(rtp, "getMinVideoSendBandwidth")).toBe(500);
    await call(pipeline, "release");
  });

  it("moves a viewer from one source to another: a sink takes one source per media type", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const composite = await create(pipeline, "Composite");
    const a = await call<MediaObject>(composite, "createHubPort");
    const b = await call<MediaObject>(composite, "createHubPort");
    const viewer = await create(pipeline, "WebRtcEndpoint", { sendonly: true });
    await call(a, "connect", viewer);
    await call(b, "connect", viewer, "VIDEO");
    expect(kms.graph.isConnected(b.id, viewer.id, "VIDEO")).toBe(true);
    expect(kms.graph.isConnected(a.id, viewer.id, "VIDEO")).toBe(false);
    expect(kms.graph.isConnected(a.id, viewer.id, "AUDIO")).toBe(true);
    await call(a, "disconnect", viewer);
    expect(kms.graph.connectionsTo(viewer.id).map((c) => [c.source, c.mediaType])).toEqual([[b.id, "VIDEO"]]);
    await call(b, "disconnect", viewer, "VIDEO");
    expect(kms.graph.connectionsTo(viewer.id)).toEqual([]);
    await call(pipeline, "release");
  });

  it("plays an injected video and reports EndOfStream when the media ends", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const player = await create(pipeline, "PlayerEndpoint", { uri: "http://media.example/clip.mp4" });
    const states: unknown[] = [];
    player.on("UriEndpointStateChanged", (e) => states.push(e.state));
    const ended = new Promise<Record<string, unknown>>((resolve) => player.on("EndOfStream", resolve));
    await kms.graph.waitFor(() => kms.graph.subscriptions(player.id).length === 2);
    await call(player, "play");
    expect(await call<string>(player, "getState")).toBe("START");
    expect(kms.graph.emit(player.id, "EndOfStream")).toBe(1);
    const event = await ended;
    expect(event.source).toBe(player.id);
    expect(event.type).toBe("EndOfStream");
    expect(Number(event.timestampMillis)).toBeGreaterThan(0);
    expect(await call<string>(player, "getState")).toBe("STOP");
    expect(states).toContain("START");
    await call(pipeline, "release");
  });

  it("ends a player by itself when configured with a media duration", async () => {
    const timed = await startFakeKms({ playerDurationMs: 50 });
    const c = await connectClient(timed.url);
    try {
      const pipeline = await create(c, "MediaPipeline");
      const player = await create(pipeline, "PlayerEndpoint", { uri: "file:///clip.webm" });
      const ended = new Promise((resolve) => player.on("EndOfStream", resolve));
      await timed.graph.waitFor(() => timed.graph.subscriptions(player.id).length === 1);
      await call(player, "play");
      await ended;
      expect(timed.graph.get(player.id)?.state.uriState).toBe("STOP");
    } finally {
      c.close();
      await timed.stop();
    }
  });

  it("releases a MediaPipeline with everything in it, and an element with its connections", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const other = await create(client, "MediaPipeline");
    const composite = await create(pipeline, "Composite");
    const port = await call<MediaObject>(composite, "createHubPort");
    const host = await create(pipeline, "WebRtcEndpoint");
    const keep = await create(other, "WebRtcEndpoint");
    host.on("IceCandidateFound", () => undefined);
    await call(host, "connect", port);
    await call(port, "connect", host);
    await kms.graph.waitFor(() => kms.graph.subscriptions(host.id).length === 1);

    const disconnected = new Promise<Record<string, unknown>>((resolve) => port.on("ElementDisconnected", resolve));
    await kms.graph.waitFor(() => kms.graph.subscriptions(port.id).length === 1);
    await call(host, "release");
    expect((await disconnected).sink).toBe(host.id);
    expect(kms.graph.has(host.id)).toBe(false);
    expect(kms.graph.connectionsFrom(port.id)).toEqual([]);
    expect(kms.graph.connectionsTo(port.id)).toEqual([]);
    expect(kms.graph.subscriptions(host.id)).toEqual([]);
    expect(kms.graph.has(port.id)).toBe(true);

    await call(pipeline, "release");
    expect(kms.graph.elementsOf(pipeline.id)).toEqual([]);
    expect(kms.graph.has(composite.id)).toBe(false);
    expect(kms.graph.has(port.id)).toBe(false);
    expect(kms.graph.has(keep.id)).toBe(true);
    const gone = await failure(call(port, "getMediaPipeline"));
    expect(gone.code).toBe(40101);
    await call(other, "release");
    expect(kms.graph.pipelines().map((p) => p.id)).not.toContain(other.id);
  });

  it("counts requests by method and operation", async () => {
    const before = kms.graph.invokeCount("processOffer");
    const pipeline = await create(client, "MediaPipeline");
    const ep = await create(pipeline, "WebRtcEndpoint");
    await call(ep, "processOffer", BROWSER_OFFER);
    expect(kms.graph.invokeCount("processOffer")).toBe(before + 1);
    expect(kms.graph.requestCount("create")).toBeGreaterThan(0);
    expect(kms.graph.counters()["invoke:processOffer"]).toBe(before + 1);
    await call(pipeline, "release");
  });
  it("sends the Composite's mix out of every HubPort once an input flows (MediaFlowOutStateChanged, isMediaFlowingOut)", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const composite = await create(pipeline, "Composite");
    const programPort = await call<MediaObject>(composite, "createHubPort");
    const playerPort = await call<MediaObject>(composite, "createHubPort");
    const player = await create(pipeline, "PlayerEndpoint", { uri: "file:///media/clip.webm", useEncodedMedia: false });
    await call(player, "connect", playerPort);
    const events: Array<{ state: string; mediaType: string }> = [];
    (programPort as unknown as { on(type: string, listener: (e: { state: string; mediaType: string }) => void): void }).on("MediaFlowOutStateChanged", (e) => events.push(e));
    await expect.poll(() => kms.graph.subscriptions(programPort.id).some((x) => x.type === "MediaFlowOutStateChanged"), { timeout: 10_000, interval: 20 }).toBe(true);
    expect(await call(programPort, "isMediaFlowingOut", "VIDEO")).toBe(false);

    await call(player, "play");
    await expect.poll(() => events.map((e) => `${e.mediaType}:${e.state}`).sort(), { timeout: 10_000, interval: 20 }).toEqual(["AUDIO:FLOWING", "VIDEO:FLOWING"]);
    expect(await call(programPort, "isMediaFlowingOut", "VIDEO")).toBe(true);
  });
});
