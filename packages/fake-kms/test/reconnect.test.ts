import type { KurentoClient } from "kurento-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "../src/index";
import { BROWSER_OFFER, call, connectClient, create, failure, once } from "./helpers";

// kurento-client over the reconnect-ws shim (packages/reconnect-ws): it
// reconnects after a socket drop and after a KMS restart, and the server
// tells it whether its session survived.
describe("reconnection through the reconnect-ws shim", () => {
  let kms: FakeKms;
  let client: KurentoClient;

  beforeAll(async () => {
    kms = await startFakeKms();
    client = await connectClient(kms.url, 5);
  });
  afterAll(async () => {
    client?.close();
    await kms?.stop();
  });

  it("resumes the same session after a network drop: objects and event subscriptions survive", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const ep = await create(pipeline, "WebRtcEndpoint");
    const session = client.sessionId;
    const found: unknown[] = [];
    ep.on("IceCandidateFound", (e) => found.push(e.candidate));
    await kms.graph.waitFor(() => kms.graph.subscriptions(ep.id).length === 1);

    const reconnected = once<boolean>(client, "reconnected");
    kms.dropConnections();
    const [sameSession] = await reconnected;
    expect(sameSession).toBe(true);
    expect(client.sessionId).toBe(session);
    expect(kms.graph.requestCount("connect")).toBeGreaterThanOrEqual(1);

    await call(ep, "processOffer", BROWSER_OFFER);
    const done = new Promise((resolve) => ep.on("IceGatheringDone", resolve));
    await call(ep, "gatherCandidates");
    await done;
    expect(found.length).toBeGreaterThan(0);
    await call(pipeline, "release");
  });

  it("after a KMS restart: the session is invalid, old objects are gone, new ones can be built", async () => {
    const pipeline = await create(client, "MediaPipeline");
    const composite = await create(pipeline, "Composite");

    const reconnected = once<boolean>(client, "reconnected");
    await kms.restart();
    expect(kms.graph.objects()).toEqual([]);
    const [sameSession] = await reconnected;
    expect(sameSession).toBe(false);

    const lost = await failure(call(composite, "createHubPort"));
    expect(lost.code).toBe(40101);
    const again = await create(client, "MediaPipeline");
    expect(kms.graph.pipelines().map((p) => p.id)).toEqual([again.id]);
    await call(again, "release");
  });

  it("keeps retrying while the restarted KMS is still down, then reconnects", async () => {
    const reconnected = once<boolean>(client, "reconnected");
    await kms.restart({ downMs: 1500 });
    const [sameSession] = await reconnected;
    expect(sameSession).toBe(false);
    const pipeline = await create(client, "MediaPipeline");
    expect(kms.graph.has(pipeline.id)).toBe(true);
    await call(pipeline, "release");
  });

  it("gives up after failAfter attempts when no KMS listens", async () => {
    const gone = await startFakeKms();
    const url = gone.url;
    await gone.stop();
    const err = await failure(connectClient(url, 1));
    expect(err.message).toMatch(/connection/i);
  });
});
