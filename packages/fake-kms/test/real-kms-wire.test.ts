import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "../src/index";
import { BROWSER_OFFER, FFMPEG_OFFER, rawClient, until } from "./helpers";

type Raw = Awaited<ReturnType<typeof rawClient>>;
type EventValue = { type: string; object: string; data: Record<string, unknown> };

// What a client sees on the wire, shaped as a real KMS 7 sent it to the same
// requests: answers of void operations, defaults, object ids, event data and SDP layout.
describe("fake KMS on the wire, as a real KMS 7 answers", () => {
  let kms: FakeKms;
  let raw: Raw;
  let pipeline: string;

  const value = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    const res = await raw.request(method, params);
    if (res.error) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
    return res.result?.value;
  };
  const invoke = (object: unknown, operation: string, operationParams: Record<string, unknown> = {}): Promise<unknown> =>
    value("invoke", { object, operation, operationParams });
  const create = async (type: string, constructorParams: Record<string, unknown>): Promise<string> =>
    (await value("create", { type, constructorParams })) as string;
  const events = (type: string, object?: string): EventValue[] =>
    raw.notifications
      .map((n) => (n.params as { value: EventValue }).value)
      .filter((v) => v.type === type && (object === undefined || v.object === object));

  beforeAll(async () => {
    kms = await startFakeKms({ gatherDelayMs: 1 });
    raw = await rawClient(kms.url);
    pipeline = await create("MediaPipeline", {});
  });
  afterAll(async () => {
    raw?.close();
    await kms?.stop();
  });

  it("answers void operations with value null, reads documented defaults, and nests HubPorts under their Composite", async () => {
    const ep = await create("WebRtcEndpoint", { mediaPipeline: pipeline });
    const set = await raw.request("invoke", { object: ep, operation: "setMaxVideoSendBandwidth", operationParams: { maxVideoSendBandwidth: 1500 } });
    expect(set.result).toEqual({ value: null, sessionId: expect.any(String) });
    expect(await invoke(ep, "getMaxVideoSendBandwidth")).toBe(1500);
    expect(await invoke(ep, "getMinVideoSendBandwidth")).toBe(100);
    expect(await invoke(ep, "getMaxVideoRecvBandwidth")).toBe(0);
    // Before any media: nothing flows, no stats.
    expect(await invoke(ep, "isMediaFlowingIn", { mediaType: "VIDEO" })).toBe(false);
    expect(await invoke(ep, "getStats", { mediaType: "VIDEO" })).toBeNull();
    expect(await invoke(ep, "getIceConnectionState")).toEqual([]);

    const composite = await create("Composite", { mediaPipeline: pipeline });
    const port = await create("HubPort", { hub: composite });
    expect(port).toMatch(new RegExp(`^${composite}/[0-9a-f-]{36}_kurento\\.HubPort$`));
    expect(await invoke(port, "getParent")).toBe(composite);
    expect(await invoke(port, "getMediaPipeline")).toBe(pipeline);
    expect(kms.graph.get(port)?.pipeline).toBe(pipeline);

    // Checks KMS does not make: both directions (sendonly wins), a URI that is not one (KMS takes it as a path).
    const both = await create("WebRtcEndpoint", { mediaPipeline: pipeline, recvonly: true, sendonly: true });
    const bothAnswer = (await invoke(both, "processOffer", { offer: BROWSER_OFFER })) as string;
    expect(bothAnswer.split("\r\n").filter((l) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(l))).toEqual(["a=sendonly", "a=sendonly"]);
    expect(await create("PlayerEndpoint", { mediaPipeline: pipeline, uri: "clip.webm" })).toMatch(/_kurento\.PlayerEndpoint$/);

    const info = (await invoke("manager_ServerManager", "getInfo")) as Record<string, unknown>;
    expect(info).toMatchObject({ __type__: "ServerInfo", __module__: "kurento", type: "KMS", capabilities: ["transactions"] });
  });

  it("sends events without `timestamp`, with KMS's field names for ICE, pads and connections", async () => {
    const a = await create("WebRtcEndpoint", { mediaPipeline: pipeline });
    const port = await create("HubPort", { hub: await create("Composite", { mediaPipeline: pipeline }) });
    for (const type of ["IceCandidateFound", "IceGatheringDone", "IceComponentStateChanged", "NewCandidatePairSelected", "ElementConnected", "MediaFlowInStateChanged"]) {
      await value("subscribe", { object: a, type });
    }
    expect(await invoke(a, "connect", { sink: port })).toBeNull();
    const connected = events("ElementConnected", a);
    expect(connected.map((e) => e.data.mediaType)).toEqual(["AUDIO", "VIDEO", "DATA"]);
    expect(connected[0]?.data).toMatchObject({ sink: port, sourceMediaDescription: "default", sinkMediaDescription: "default" });
    expect(await invoke(a, "getSinkConnections")).toContainEqual(
      expect.objectContaining({ source: a, sink: port, type: "VIDEO", sourceDescription: "default", sinkDescription: "default" }),
    );

    await invoke(a, "processOffer", { offer: BROWSER_OFFER });
    await invoke(a, "gatherCandidates");
    await until(() => events("IceGatheringDone", a).length === 1);
    const found = events("IceCandidateFound", a);
    expect(found.map((e) => e.data.candidate)).toContainEqual(expect.objectContaining({ sdpMid: "1", sdpMLineIndex: 1 }));
    const local = found[0]?.data.candidate as { candidate: string; sdpMid: string; sdpMLineIndex: number };
    const gathering = events("IceComponentStateChanged", a)[0]?.data;
    expect(gathering).toMatchObject({ streamId: 1, componentId: 1, state: "GATHERING" });

    const remote = { candidate: "candidate:1 1 UDP 2122260223 127.0.0.1 50000 typ host", sdpMid: "0", sdpMLineIndex: 0 };
    await invoke(a, "addIceCandidate", { candidate: remote });
    await until(() => events("MediaFlowInStateChanged", a).length === 2);
    const pair = events("NewCandidatePairSelected", a)[0]?.data;
    expect(pair?.candidatePair).toEqual({
      __module__: "kurento",
      __type__: "IceCandidatePair",
      streamId: "1",
      componentId: 1,
      localCandidate: local.candidate,
      remoteCandidate: remote.candidate,
    });
    expect(events("IceComponentStateChanged", a).map((e) => e.data.state)).toContain("READY");
    expect(await invoke(a, "isMediaFlowingIn", { mediaType: "VIDEO" })).toBe(true);
    expect(await invoke(a, "getIceConnectionState")).toContainEqual(expect.objectContaining({ streamId: "1", componentId: 1, state: "READY" }));

    for (const n of raw.notifications) {
      const v = (n.params as { value: EventValue }).value;
      expect(v.data).not.toHaveProperty("timestamp");
      expect(v.data.timestampMillis).toMatch(/^\d{13}$/);
      expect(v.data).toMatchObject({ source: v.object, type: v.type, tags: [] });
    }
  });

  it("ends a player with EndOfStream and state STOP after the configured duration", async () => {
    const short = await startFakeKms({ playerDurationMs: 30 });
    const c = await rawClient(short.url);
    try {
      const p = (await c.request("create", { type: "MediaPipeline", constructorParams: {} })).result?.value;
      const player = (await c.request("create", { type: "PlayerEndpoint", constructorParams: { mediaPipeline: p, uri: "file:///clip.webm" } })).result?.value;
      await c.request("subscribe", { object: player, type: "EndOfStream" });
      expect((await c.request("invoke", { object: player, operation: "play", operationParams: {} })).result?.value).toBeNull();
      expect((await c.request("invoke", { object: player, operation: "isMediaFlowingOut", operationParams: { mediaType: "VIDEO" } })).result?.value).toBe(true);
      await until(() => c.notifications.length > 0);
      expect((c.notifications[0]?.params as { value: EventValue }).value).toMatchObject({ type: "EndOfStream", object: player });
      expect((await c.request("invoke", { object: player, operation: "getState", operationParams: {} })).result?.value).toBe("STOP");
    } finally {
      c.close();
      await short.stop();
    }
  });

  it("writes SDP as KMS does: one session-level c=, port 1 and a=rtcp:9 for WebRTC, a=rtcp:<port+1> for RTP", async () => {
    const web = await create("WebRtcEndpoint", { mediaPipeline: pipeline });
    const answer = (await invoke(web, "processOffer", { offer: BROWSER_OFFER })) as string;
    const lines = answer.split("\r\n");
    expect(lines.filter((l) => l.startsWith("c="))).toEqual(["c=IN IP4 0.0.0.0"]);
    expect(lines.indexOf("c=IN IP4 0.0.0.0")).toBeLessThan(lines.findIndex((l) => l.startsWith("m=")));
    expect(lines.filter((l) => l.startsWith("m="))).toEqual([expect.stringMatching(/^m=audio 1 /), expect.stringMatching(/^m=video 1 /)]);
    expect(lines.filter((l) => l === "a=rtcp:9 IN IP4 0.0.0.0")).toHaveLength(2);

    const offerer = await create("WebRtcEndpoint", { mediaPipeline: pipeline });
    const offer = (await invoke(offerer, "generateOffer")) as string;
    expect(offer).toContain("a=group:BUNDLE audio0 video0");

    const rtp = await create("RtpEndpoint", { mediaPipeline: pipeline });
    const rtpAnswer = (await invoke(rtp, "processOffer", { offer: FFMPEG_OFFER })) as string;
    const rtpLines = rtpAnswer.split("\r\n");
    expect(rtpLines.filter((l) => l.startsWith("c="))).toEqual(["c=IN IP4 127.0.0.1"]);
    const ports = rtpLines.filter((l) => l.startsWith("m=")).map((l) => Number(l.split(" ")[1]));
    expect(rtpLines.filter((l) => l.startsWith("a=rtcp:"))).toEqual(ports.map((p) => `a=rtcp:${p + 1}`));
  });

  it("answers connect with the session and the server id, and keeps the socket's session without a sessionId", async () => {
    const c = await rawClient(kms.url);
    try {
      const sessionId = (await c.request("create", { type: "MediaPipeline", constructorParams: {} })).result?.sessionId;
      const again = await c.request("connect", { sessionId });
      expect(again.result).toEqual({ sessionId, serverId: expect.any(String) });
      const bare = await c.request("connect", {});
      expect(bare.result).toEqual({ sessionId, serverId: again.result?.serverId });
      expect((await c.request("connect", { sessionId: "bogus" })).error).toMatchObject({ code: 40007, message: "Invalid session" });
    } finally {
      c.close();
    }
  });
});
