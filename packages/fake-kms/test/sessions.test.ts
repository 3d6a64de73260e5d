import { afterEach, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "../src/index";
import { BROWSER_OFFER, rawClient, until } from "./helpers";

// Session rules of the Kurento Protocol on the raw wire: reconnection with
// `connect {sessionId}`, garbage collection of abandoned sessions, and
// `transaction` batches with `newref:N` references.
describe("fake KMS sessions and transactions", () => {
  let kms: FakeKms | undefined;
  afterEach(async () => {
    await kms?.stop();
    kms = undefined;
  });

  it("lets a new socket resume a known session and refuses an unknown one", async () => {
    kms = await startFakeKms();
    const first = await rawClient(kms.url);
    const created = await first.request("create", { type: "MediaPipeline", constructorParams: {} });
    const sessionId = created.result?.sessionId as string;
    const pipeline = created.result?.value as string;
    const sub = await first.request("subscribe", { object: pipeline, type: "Error", sessionId });
    expect(typeof sub.result?.value).toBe("string");
    first.close();

    const second = await rawClient(kms.url);
    const resumed = await second.request("connect", { sessionId });
    expect(resumed.result?.sessionId).toBe(sessionId);
    // Events of the session now go to the new socket.
    expect(kms.graph.emit(pipeline, "Error", { description: "boom", errorCode: 1, type: "TEST" })).toBe(1);
    await until(() => second.notifications.length > 0);
    expect(second.notifications[0]).toMatchObject({
      method: "onEvent",
      params: { value: { object: pipeline, type: "Error", data: { source: pipeline, type: "TEST", description: "boom", errorCode: 1 } } },
    });
    const stranger = await second.request("connect", { sessionId: "not-a-session" });
    expect(stranger.error).toMatchObject({ code: 40007, data: { type: "INVALID_SESSION" } });
    second.close();
  });

  it("garbage-collects the pipelines of a session whose client never came back", async () => {
    kms = await startFakeKms({ sessionGcMs: 50 });
    const gone = await rawClient(kms.url);
    const stays = await rawClient(kms.url);
    const abandoned = await gone.request("create", { type: "MediaPipeline", constructorParams: {} });
    const kept = await stays.request("create", { type: "MediaPipeline", constructorParams: {} });
    gone.close();
    const k = kms;
    await k.graph.waitFor(() => !k.graph.has(abandoned.result?.value as string), 2000);
    expect(k.graph.has(kept.result?.value as string)).toBe(true);
    const late = await rawClient(k.url);
    const refused = await late.request("connect", { sessionId: abandoned.result?.sessionId as string });
    expect(refused.error?.code).toBe(40007);
    late.close();
    stays.close();
  });

  it("runs a transaction in order, resolving newref: to objects created earlier in it", async () => {
    kms = await startFakeKms();
    const c = await rawClient(kms.url);
    const pipeline = (await c.request("create", { type: "MediaPipeline", constructorParams: {} })).result?.value as string;
    const tx = await c.request("transaction", {
      operations: [
        { jsonrpc: "2.0", id: 0, method: "create", params: { type: "Composite", constructorParams: { mediaPipeline: pipeline } } },
        { jsonrpc: "2.0", id: 1, method: "create", params: { type: "HubPort", constructorParams: { hub: "newref:0" } } },
        { jsonrpc: "2.0", id: 2, method: "create", params: { type: "WebRtcEndpoint", constructorParams: { mediaPipeline: pipeline } } },
        { jsonrpc: "2.0", id: 3, method: "invoke", params: { object: "newref:2", operation: "connect", operationParams: { sink: "newref:1" } } },
        { jsonrpc: "2.0", id: 4, method: "invoke", params: { object: "newref:2", operation: "processOffer", operationParams: { offer: "nope" } } },
      ],
    });
    const results = tx.result?.value as Array<{ result?: { value?: string }; error?: { code: number } }>;
    expect(results).toHaveLength(5);
    const [composite, port, ep] = [results[0]?.result?.value, results[1]?.result?.value, results[2]?.result?.value];
    expect(kms.graph.get(port as string)?.parent).toBe(composite);
    expect(kms.graph.isConnected(ep as string, port as string)).toBe(true);
    expect(results[4]?.error?.code).toBe(40201);
    const ok = await c.request("invoke", { object: ep, operation: "processOffer", operationParams: { offer: BROWSER_OFFER } });
    expect(typeof ok.result?.value).toBe("string");
    c.close();
  });
});
