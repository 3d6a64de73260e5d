/**
 * Media server trouble: unreachable at start (hosts get a clear status and
 * the node retries), a KMS restart mid-show (the show is rebuilt and every
 * peer renegotiates), and several KMS with least-loaded pinning.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { freePort, waitFor } from "@limelight/testkit";
import pino from "pino";
import { type MediaApp } from "../src/app";
import { connectKurento } from "../src/kurento/connect-kurento";
import { KurentoMediaServer } from "../src/kurento/kurento-media-server";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, startMedia, testEnv, token, VIEWER_OFFER } from "./fixtures";

describe("media server resilience", () => {
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  afterAll(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  const host = (s: Seed, i = 0) => s.hosts[i] as { id: string; name: string };

  it("tells hosts the media server is unavailable, retries, and goes live once it is back", async () => {
    const s = await seed(1);
    cleanup.push(() => s.db.$disconnect());
    const port = await freePort();
    const app: MediaApp = await startMedia(testEnv(s.dbUrl, [`ws://127.0.0.1:${port}/kurento`], { KMS_FAIL_AFTER: "1" }));
    cleanup.push(() => app.close());
    const socket = await client(app.url, await token(s.eventId, host(s), "host"));
    cleanup.push(() => socket.close());
    const status = next(socket, "media:status");
    expect(await request(socket, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "MEDIA_SERVER_UNAVAILABLE" } });
    expect((await status).status).toBe("unavailable");
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("on_sale");

    const kms: FakeKms = await startFakeKms({ port });
    cleanup.push(() => kms.stop());
    await waitFor(() => app.pool.status === "ok", 10_000, 50, "KMS reconnect");
    expect(await request(socket, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(kms.graph.pipelines()).toHaveLength(1);
  });

  it("rebuilds the show after a KMS restart and asks every host and viewer to renegotiate", async () => {
    const s = await seed(2);
    cleanup.push(() => s.db.$disconnect());
    const kms = await startFakeKms();
    cleanup.push(() => kms.stop());
    const app = await startMedia(testEnv(s.dbUrl, [kms.url]));
    cleanup.push(() => app.close());
    const sockets: ClientSocket[] = [];
    cleanup.push(() => sockets.forEach((x) => x.close()));
    const h = await client(app.url, await token(s.eventId, host(s), "host"));
    sockets.push(h);
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    const video = await request(h, "video:add", { uri: "rtsp://camera.example.test/stream", title: "Backstage" });
    if (!("ok" in video)) throw new Error("video not added");
    await request(h, "video:play", { videoId: video.video.id });
    const viewers = [];
    for (const v of s.viewers) {
      const socket = await client(app.url, await token(s.eventId, v, "viewer"));
      sockets.push(socket);
      expect(await request(socket, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
      viewers.push(socket);
    }
    const oldPipeline = kms.graph.pipelines()[0]?.id;
    const renegotiations = sockets.map((x) => next(x, "renegotiate"));

    await kms.restart();
    const reasons = await Promise.all(renegotiations);
    expect(reasons.every((r) => /restarted/.test(r.reason))).toBe(true);

    const pipelines = kms.graph.pipelines();
    expect(pipelines).toHaveLength(1);
    const p = pipelines[0]?.id as string;
    expect(p).not.toBe(oldPipeline);
    expect(kms.graph.ofType("Composite", p)).toHaveLength(1);
    // the injected video is back and playing
    expect(kms.graph.ofType("PlayerEndpoint", p)).toHaveLength(1);
    expect(kms.graph.invokeCount("play")).toBeGreaterThanOrEqual(1);

    // peers send new offers; the host keeps its slot
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    for (const v of viewers) expect(await request(v, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    expect(kms.graph.ofType("WebRtcEndpoint", p)).toHaveLength(1 + viewers.length);
    const stats = app.registry.stats(s.eventId);
    expect(stats).toMatchObject({ live: true, hosts: 1, webrtcViewers: 2, injectedVideos: 1 });
  });

  it("pins each new show to the least-loaded media server", async () => {
    const a = await seed(0);
    cleanup.push(() => a.db.$disconnect());
    const kms1 = await startFakeKms();
    const kms2 = await startFakeKms();
    cleanup.push(() => kms1.stop(), () => kms2.stop());
    const second = await a.db.event.create({
      data: { slug: `second-${Date.now()}`, title: "Second", description: "", startsAt: new Date(), durationMinutes: 30, priceCents: 0, capacity: 10, status: "on_sale", streamKey: `k-${Date.now()}` },
    });
    await a.db.eventHost.create({ data: { eventId: second.id, userId: host(a).id, shareBps: 10_000 } });
    const app = await startMedia(testEnv(a.dbUrl, [kms1.url, kms2.url]));
    cleanup.push(() => app.close());
    const h1 = await client(app.url, await token(a.eventId, host(a), "host"));
    const h2 = await client(app.url, await token(second.id, host(a), "host"));
    cleanup.push(() => h1.close(), () => h2.close());
    expect(await request(h1, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    expect(await request(h2, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    expect(kms1.graph.pipelines()).toHaveLength(1);
    expect(kms2.graph.pipelines()).toHaveLength(1);
  });

  it("releases the pipelines an earlier run of this node left behind, and only those", async () => {
    const s = await seed(0);
    cleanup.push(() => s.db.$disconnect());
    const kms = await startFakeKms();
    cleanup.push(() => kms.stop());
    // a crashed run of node-a and a live node-b left pipelines on the KMS
    const crashed = new KurentoMediaServer(await connectKurento(kms.url, { failAfter: 1, timeoutMs: 5_000 }), { url: kms.url, callTimeoutMs: 3_000, logger: pino({ level: "silent" }) });
    const leftover = await crashed.createPipeline();
    await crashed.tag(leftover, "limelight-node", "node-a");
    const other = await crashed.createPipeline();
    await crashed.tag(other, "limelight-node", "node-b");
    await crashed.close();
    expect(kms.graph.pipelines()).toHaveLength(2);

    const app = await startMedia(testEnv(s.dbUrl, [kms.url], { MEDIA_NODE_ID: "node-a" }));
    cleanup.push(() => app.close());
    await waitFor(() => kms.graph.pipelines().length === 1, 10_000, 50, "leftover pipeline released");
    expect(kms.graph.pipelines()[0]?.id).toBe(other.id);
    // and the node's own new pipelines carry its id
    const h = await client(app.url, await token(s.eventId, host(s), "host"));
    cleanup.push(() => h.close());
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    const mine = kms.graph.pipelines().find((p) => p.id !== other.id);
    expect(mine?.tags).toMatchObject({ "limelight-node": "node-a", "limelight-event": s.eventId });
  });
});
