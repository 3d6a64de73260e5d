import kurento, { type KurentoClient } from "kurento-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KMS_ERROR, startFakeKms, type FakeKms } from "../src/index";
import { BROWSER_OFFER, call, connectClient, create, failure, rawClient } from "./helpers";

// Bad requests get the Kurento Protocol's error objects {code, message, data:{type}}
// (codes of KMS's KurentoException.hpp), through the real client and on the raw wire.
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

  it("rejects an unknown type, an abstract type and a missing constructor parameter", async () => {
    const unknown = await raw.request("create", { type: "HologramEndpoint", constructorParams: {} });
    expect(unknown.error).toMatchObject({ code: 40100, data: { type: "MEDIA_OBJECT_TYPE_NOT_FOUND" } });
    const abstract = await raw.request("create", { type: "MediaElement", constructorParams: {} });
    expect(abstract.error?.code).toBe(KMS_ERROR.MEDIA_OBJECT_TYPE_NOT_FOUND);
    const noPipeline = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: {} });
    expect(noPipeline.error).toMatchObject({ code: 40107, data: { type: "MEDIA_OBJECT_ILLEGAL_PARAM_ERROR" } });
    expect(noPipeline.error?.message).toContain("'mediaPipeline'");

    // Through the client, with strict mode off so the request reaches the server.
    const lax = await new Promise<KurentoClient>((resolve, reject) => {
      const c: KurentoClient = kurento(kms.url, { failAfter: 2, strict: false }, (e) => (e ? reject(e) : resolve(c)));
    });
    try {
      const err = await failure(create(lax, "HologramEndpoint"));
      expect(err.code).toBe(40100);
      expect(err).toBeInstanceOf(TypeError);
    } finally {
      lax.close();
    }
  });

  it("rejects unknown, mistyped and wrongly typed parameters", async () => {
    const pipeline = (await raw.request("create", { type: "MediaPipeline", constructorParams: {} })).result?.value as string;
    const extra = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline, colour: "red" } });
    expect(extra.error?.code).toBe(40107);
    expect(extra.error?.message).toContain("colour");
    const mistyped = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline, recvonly: "yes" } });
    expect(mistyped.error?.code).toBe(40107);
    const badEnum = await raw.request("create", {
      type: "WebRtcEndpoint",
      constructorParams: { mediaPipeline: pipeline, certificateKeyType: "DSA" },
    });
    expect(badEnum.error?.code).toBe(40107);
    const wrongClass = await raw.request("create", { type: "HubPort", constructorParams: { hub: pipeline } });
    expect(wrongClass.error?.code).toBe(40107);
    const noSuchHub = await raw.request("create", { type: "HubPort", constructorParams: { hub: `${pipeline}/nope_kurento.Composite` } });
    expect(noSuchHub.error?.code).toBe(40101);
    const both = await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline, recvonly: true, sendonly: true } });
    expect(both.error?.code).toBe(40107);
    const badUri = await raw.request("create", { type: "PlayerEndpoint", constructorParams: { mediaPipeline: pipeline, uri: "not a uri" } });
    expect(badUri.error?.code).toBe(40107);

    const ep = (await raw.request("create", { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline } })).result?.value;
    const noOffer = await raw.request("invoke", { object: ep, operation: "processOffer", operationParams: {} });
    expect(noOffer.error?.code).toBe(40107);
    const unknownParam = await raw.request("invoke", { object: ep, operation: "processOffer", operationParams: { offer: BROWSER_OFFER, trickle: true } });
    expect(unknownParam.error?.code).toBe(40107);
    const badCandidate = await raw.request("invoke", { object: ep, operation: "addIceCandidate", operationParams: { candidate: { candidate: "x" } } });
    expect(badCandidate.error?.code).toBe(40107);
    const badSink = await raw.request("invoke", { object: ep, operation: "connect", operationParams: { sink: pipeline } });
    expect(badSink.error?.code).toBe(40107);
    const badMediaType = await raw.request("invoke", { object: ep, operation: "connect", operationParams: { sink: ep, mediaType: "SMELL" } });
    expect(badMediaType.error?.code).toBe(40107);
  });

  it("rejects unknown operations and events with METHOD_NOT_FOUND / EVENT_NOT_SUPPORTED", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const player = await create(pipeline, "PlayerEndpoint", { uri: "file:///clip.webm" });
    const noOp = await raw.request("invoke", { object: player.id, operation: "processOffer", operationParams: { offer: BROWSER_OFFER } });
    expect(noOp.error).toMatchObject({ code: 40105, data: { type: "MEDIA_OBJECT_METHOD_NOT_FOUND" } });
    const readOnly = await raw.request("invoke", { object: player.id, operation: "setVideoInfo", operationParams: { videoInfo: {} } });
    expect(readOnly.error?.code).toBe(40105);
    const noEvent = await raw.request("subscribe", { object: player.id, type: "IceCandidateFound" });
    expect(noEvent.error).toMatchObject({ code: 40106, data: { type: "MEDIA_OBJECT_EVENT_NOT_SUPPORTED" } });
    const noMethod = await raw.request("teleport", {});
    expect(noMethod.error?.code).toBe(-32601);
    await call(pipeline, "release");
  });

  it("rejects unknown object ids with MEDIA_OBJECT_NOT_FOUND", async () => {
    const ghost = "00000000-0000-0000-0000-000000000000_kurento.MediaPipeline";
    for (const [method, params] of [
      ["invoke", { object: ghost, operation: "getName", operationParams: {} }],
      ["release", { object: ghost }],
      ["describe", { object: ghost }],
      ["subscribe", { object: ghost, type: "Error" }],
    ] as const) {
      const res = await raw.request(method, params);
      expect(res.error, method).toMatchObject({ code: 40101, data: { type: "MEDIA_OBJECT_NOT_FOUND" } });
    }
    const err = await failure(call(client, "getMediaobjectById", ghost));
    expect(err.code).toBe(40101);
    expect(err).toBeInstanceOf(ReferenceError);
  });

  it("rejects SDP that is not SDP, and out-of-order negotiation, with SDP and ICE errors", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const ep = await create(pipeline, "WebRtcEndpoint");
    const garbage = await failure(call(ep, "processOffer", "hello, I am an offer"));
    expect(garbage.code).toBe(40201);
    expect(garbage.data?.type).toBe("SDP_PARSE_ERROR");
    const early = await failure(call(ep, "gatherCandidates"));
    expect(early.code).toBe(40400);
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

  it("answers malformed JSON-RPC with the JSON-RPC errors and keeps serving", async () => {
    expect((await raw.sendRaw("{not json")).error?.code).toBe(-32700);
    expect((await raw.sendRaw(JSON.stringify({ jsonrpc: "1.0", id: null, method: "ping" }))).error?.code).toBe(-32600);
    const res = await raw.request("invoke", { object: 42, operation: "getName" });
    expect(res.error?.code).toBe(40107);
    expect((await raw.request("ping")).result?.value).toBe("pong");
  });
});
