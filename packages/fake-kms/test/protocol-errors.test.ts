import kurento, { type KurentoClient } from "kurento-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KMS_ERROR, startFakeKms, type FakeKms } from "../src/index";
import { BROWSER_OFFER, call, connectClient, create, failure, rawClient } from "./helpers";

// Bad requests get the Kurento Protocol's error objects {code, message, data:{type}}
// (codes of KMS's KurentoException.hpp), through the real client and on the raw wire.
// Codes and messages are those a real KMS 7 answered to the same requests.
describe("fake KMS rejects what a real KMS rejects", () => {
  let kms: FakeKms;
  let client: KurentoClient;
  let raw: Awaited<ReturnType<typeof rawClient>>;

  beforeAll(async () => {
    kms = await startFakeKms();
    client = await connectClient(kms.url);
    raw = await rawClient(kms.url);
  });
  afterAll(async () => {
    raw?.close();
    client?.close();
    await kms?.stop();
  });

  it("answers ping with pong and hands out a session on the first request", async () => {
    const pong = await raw.request("ping", { interval: 5000 });
    expect(pong.result?.value).toBe("pong");
    const created = await raw.request("create", { type: "MediaPipeline", constructorParams: {}, properties: {} });
    expect(created.result?.value).toMatch(/_kurento\.MediaPipeline$/);
    expect(typeof created.result?.sessionId).toBe("string");
    expect(kms.sessions()).toContain(created.result?.sessionId);
    const described = await raw.request("describe", { object: created.result?.value });
    expect(described.result).toMatchObject({ type: "MediaPipeline", qualifiedType: "kurento.MediaPipeline", hierarchy: ["kurento.MediaObject"] });
  });

  it("rejects an unknown type, an abstract type and a missing constructor parameter as KMS 7 does", async () => {
    const unknown = await raw.request("create", { type: "HologramEndpoint", constructorParams: {} });
    expect(unknown.error).toMatchObject({
      code: 40108,
      message: "Factory 'HologramEndpoint' not found",
      data: { type: "MEDIA_OBJECT_NOT_AVAILABLE" },
    });
    const abstract = await raw.request("create", { type: "MediaElement", constructorParams: {} });
    expect(abstract.error?.code).toBe(KMS_ERROR.MEDIA_OBJECT_NOT_AVAILABLE);
    const noPipeline = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: {} });
    expect(noPipeline.error).toMatchObject({
      code: 40001,
      message: "'mediaPipeline' parameter should be a string",
      data: { type: "MARSHALL_ERROR" },
    });
    const noType = await raw.request("create", { constructorParams: {} });
    expect(noType.error).toEqual({ code: -32000, message: "'type' parameter is required" });

    // Through the client, with strict mode off so the request reaches the server.
    const lax = await new Promise<KurentoClient>((resolve, reject) => {
      const c: KurentoClient = kurento(kms.url, { failAfter: 2, strict: false }, (e) => (e ? reject(e) : resolve(c)));
    });
    try {
      const err = await failure(create(lax, "HologramEndpoint"));
      expect(err.code).toBe(40108);
      expect(err.message).toContain("HologramEndpoint");
    } finally {
      lax.close();
    }
  });

  it("reads parameters like KMS: unknown names ignored, missing or mistyped ones are MARSHALL_ERROR", async () => {
    const pipeline = (await raw.request("create", { type: "MediaPipeline", constructorParams: {} })).result?.value as string;
    // Unknown constructor parameters are ignored (KMS 7 creates the endpoint).
    const extra = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline, colour: "red" } });
    expect(extra.result?.value).toMatch(/_kurento\.WebRtcEndpoint$/);
    expect(kms.graph.get(extra.result?.value as string)?.params).not.toHaveProperty("colour");
    const mistyped = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline, recvonly: "yes" } });
    expect(mistyped.error).toMatchObject({ code: 40001, message: "'recvonly' parameter should be a boolean" });
    const badEnum = await raw.request("create", {
      type: "WebRtcEndpoint",
      constructorParams: { mediaPipeline: pipeline, certificateKeyType: "DSA" },
    });
    expect(badEnum.error).toMatchObject({ code: 40001, message: "Invalid value for 'CertificateKeyType'" });
    // A number where an object id is expected is read as its text, then looked up.
    const numeric = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: 5 } });
    expect(numeric.error).toMatchObject({ code: 40101, message: "Object '5' not found" });
    const wrongClass = await raw.request("create", { type: "HubPort", constructorParams: { hub: pipeline } });
    expect(wrongClass.error).toEqual({ code: -32603, message: "Unexpected error while processing method: bad_weak_ptr" });
    const noSuchHub = await raw.request("create", { type: "HubPort", constructorParams: { hub: `${pipeline}/nope_kurento.Composite` } });
    expect(noSuchHub.error?.code).toBe(40101);
    const noUri = await raw.request("create", { type: "PlayerEndpoint", constructorParams: { mediaPipeline: pipeline } });
    expect(noUri.error).toMatchObject({ code: 40001, message: "'uri' parameter should be a string" });

    const ep = (await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline } })).result?.value;
    const noOffer = await raw.request("invoke", { object: ep, operation: "processOffer", operationParams: {} });
    expect(noOffer.error).toMatchObject({ code: 40001, message: "'offer' parameter should be a string", data: { type: "MARSHALL_ERROR" } });
    const wrongName = await raw.request("invoke", { object: ep, operation: "setMaxVideoSendBandwidth", operationParams: { value: 1500 } });
    expect(wrongName.error).toMatchObject({ code: 40001, message: "'maxVideoSendBandwidth' parameter should be a integer" });
    const badCandidate = await raw.request("invoke", { object: ep, operation: "addIceCandidate", operationParams: { candidate: { candidate: "x" } } });
    expect(badCandidate.error).toMatchObject({ code: 40001, message: "'sdpMid' property should be a string" });
    const noSink = await raw.request("invoke", { object: ep, operation: "connect", operationParams: {} });
    expect(noSink.error).toMatchObject({ code: 40001, message: "'sink' parameter should be a string" });
    const badMediaType = await raw.request("invoke", { object: ep, operation: "connect", operationParams: { sink: ep, mediaType: "SMELL" } });
    expect(badMediaType.error).toMatchObject({ code: 40001, message: "Invalid value for 'MediaType'" });
    const sinkNotElement = await raw.request("invoke", { object: ep, operation: "connect", operationParams: { sink: pipeline } });
    expect(sinkNotElement.error?.code).toBe(40101);
    // An extra operation parameter is ignored: the offer is answered.
    const unknownParam = await raw.request("invoke", { object: ep, operation: "processOffer", operationParams: { offer: BROWSER_OFFER, trickle: true } });
    expect(String(unknownParam.result?.value)).toMatch(/^v=0/);
  });

  it("rejects unknown operations with MALFORMED_TRANSACTION and unknown events with EVENT_NOT_SUPPORTED", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const player = await create(pipeline, "PlayerEndpoint", { uri: "file:///clip.webm" });
    const noOp = await raw.request("invoke", { object: player.id, operation: "processOffer", operationParams: { offer: BROWSER_OFFER } });
    expect(noOp.error).toEqual({
      code: 40008,
      message: "Method 'processOffer' with 1 parameters not found",
      data: { type: "MALFORMED_TRANSACTION" },
    });
    const readOnly = await raw.request("invoke", { object: player.id, operation: "setVideoInfo", operationParams: { videoInfo: {} } });
    expect(readOnly.error?.code).toBe(40008);
    const noEvent = await raw.request("subscribe", { object: player.id, type: "IceCandidateFound" });
    expect(noEvent.error).toMatchObject({
      code: 40106,
      message: "Event 'IceCandidateFound' not supported",
      data: { type: "MEDIA_OBJECT_EVENT_NOT_SUPPORTED" },
    });
    const noMethod = await raw.request("teleport", {});
    expect(noMethod.error).toEqual({ code: -32601, message: "Method not found." });
    await call(pipeline, "release");
  });

  it("rejects unknown object ids with MEDIA_OBJECT_NOT_FOUND, but releases them without complaint", async () => {
    const ghost = "00000000-0000-0000-0000-000000000000_kurento.MediaPipeline";
    for (const [method, params] of [
      ["invoke", { object: ghost, operation: "getName", operationParams: {} }],
      ["describe", { object: ghost }],
      ["subscribe", { object: ghost, type: "Error" }],
    ] as const) {
      const res = await raw.request(method, params);
      expect(res.error, method).toMatchObject({ code: 40101, message: `Object '${ghost}' not found`, data: { type: "MEDIA_OBJECT_NOT_FOUND" } });
    }
    const err = await failure(call(client, "getMediaobjectById", ghost));
    expect(err.code).toBe(40101);
    expect(err).toBeInstanceOf(ReferenceError);

    // KMS 7 answers the release of an unknown or already released object with success.
    const released = await raw.request("release", { object: ghost });
    expect(released.error).toBeUndefined();
    const pipeline = (await raw.request("create", { type: "MediaPipeline", constructorParams: {} })).result?.value as string;
    expect((await raw.request("release", { object: pipeline })).error).toBeUndefined();
    expect((await raw.request("release", { object: pipeline })).error).toBeUndefined();
    expect(kms.graph.has(pipeline)).toBe(false);
  });

  it("rejects SDP that is not SDP, and out-of-order negotiation, with SDP errors", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const ep = await create(pipeline, "WebRtcEndpoint");
    const garbage = await failure(call(ep, "processOffer", "hello, I am an offer"));
    expect(garbage.code).toBe(40201);
    expect(garbage.data?.type).toBe("SDP_PARSE_ERROR");
    expect(garbage.message).toBe("Invalid SDP");
    const noAnswerYet = await failure(call(ep, "processAnswer", BROWSER_OFFER));
    expect(noAnswerYet.code).toBe(40209);
    const noLocal = await failure(call(ep, "getLocalSessionDescriptor"));
    expect(noLocal.code).toBe(40202);
    await call(ep, "processOffer", BROWSER_OFFER);
    const twice = await failure(call(ep, "processOffer", BROWSER_OFFER));
    expect(twice.code).toBe(40208);
    // The endpoint still works after the bad calls.
    await call(ep, "gatherCandidates");
    await call(pipeline, "release");
  });

  it("accepts what KMS 7 accepts: gatherCandidates before any SDP, unparseable ICE candidates", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const ep = await create(pipeline, "WebRtcEndpoint");
    const found: unknown[] = [];
    let gotOne: () => void = () => undefined;
    const firstCandidate = new Promise<void>((resolve) => (gotOne = resolve));
    ep.on("IceCandidateFound", (e: unknown) => {
      found.push(e);
      gotOne();
    });
    await kms.graph.waitFor(() => kms.graph.subscriptions(ep.id).length > 0);
    // Before negotiation gatherCandidates succeeds and gathers nothing.
    expect(await call(ep, "gatherCandidates")).toBeNull();
    const garbage = { candidate: "garbage", sdpMid: "0", sdpMLineIndex: 0 };
    expect(await raw.request("invoke", { object: ep.id, operation: "addIceCandidate", operationParams: { candidate: garbage } })).toMatchObject({
      result: { value: null },
    });
    expect(kms.graph.get(ep.id)?.state.remoteCandidates).toEqual([]);
    await call(ep, "processOffer", BROWSER_OFFER);
    expect(found).toEqual([]);
    // After negotiation it has to be called again, and then candidates come.
    await call(ep, "gatherCandidates");
    await firstCandidate;
    await call(pipeline, "release");
  });

  it("answers malformed JSON-RPC with the JSON-RPC errors and keeps serving", async () => {
    expect((await raw.sendRaw("{not json")).error?.code).toBe(-32700);
    expect((await raw.sendRaw(JSON.stringify({ jsonrpc: "1.0", id: null, method: "ping" }))).error?.code).toBe(-32600);
    // Request members are read as strings: a numeric object id is looked up as its text.
    const res = await raw.request("invoke", { object: 42, operation: "getName" });
    expect(res.error).toMatchObject({ code: 40101, message: "Object '42' not found" });
    const noObject = await raw.request("invoke", { operation: "getName" });
    expect(noObject.error).toEqual({ code: -32000, message: "'object' parameter is required" });
    expect((await raw.request("ping")).result?.value).toBe("pong");
  });
});
