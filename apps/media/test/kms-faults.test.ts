/**
 * Kurento faults a real deployment meets, injected in the fake KMS and seen
 * through the real kurento-client: a hung KMS (socket open, no answers) is
 * noticed by the watchdog, shows go recovering, clients are told, /health
 * answers 503 and, once the KMS answers again, the show is rebuilt and its
 * peers renegotiate; a KMS that refuses addTag or lacks the filters module
 * still runs shows; lost replies fail requests instead of hanging them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeKms } from "@limelight/fake-kms";
import { waitFor } from "@limelight/testkit";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, startMedia, testEnv, token, VIEWER_OFFER } from "./fixtures";

describe("Kurento faults", () => {
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  const host = (s: Seed, i = 0) => s.hosts[i] as { id: string; name: string };

  async function setUp(kmsOptions: Parameters<typeof startFakeKms>[0] = {}, env: Record<string, string> = {}) {
    const s = await seed(1);
    cleanup.push(() => s.db.$disconnect());
    const kms = await startFakeKms(kmsOptions);
    cleanup.push(() => kms.stop());
    const app = await startMedia(testEnv(s.dbUrl, [kms.url], env));
    cleanup.push(() => app.close());
    const connect = async (who: { id: string; name: string; ticketId?: string }, role: "host" | "viewer") => {
      const socket = await client(app.url, await token(s.eventId, who, role));
      cleanup.push(() => socket.close());
      return socket;
    };
    return { s, kms, app, connect };
  }

  it("notices a hung KMS, tells everyone, answers 503, and resumes the show with hosts republishing when it answers again", async () => {
    const { s, kms, app, connect } = await setUp({}, { KMS_PING_INTERVAL_MS: "2000", KMS_PING_TIMEOUT_MS: "5000" });
    const h: ClientSocket = await connect(host(s), "host");
    const v: ClientSocket = await connect(s.viewers[0] as Seed["viewers"][0], "viewer");
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(await request(v, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    const oldPipeline = kms.graph.pipelines()[0]?.id;
    const recovering = [next(h, "show:recovering"), next(v, "show:recovering")];
    const renegotiations = [next(h, "renegotiate"), next(v, "renegotiate")];

    kms.faults.hung = true;
    const told = await Promise.all(recovering);
    expect(told.every((t) => t.eventId === s.eventId && /did not answer/.test(t.reason))).toBe(true);
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, reason: expect.stringContaining(kms.url) });
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(/limelight_media_kms_lost_total 1/);
    expect((await request(h, "show:state", {})) as unknown).toMatchObject({ ok: true, show: { live: true, media: { status: expect.stringMatching(/recovering|unavailable/) } } });
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("live");

    kms.faults.hung = false;
    await Promise.all(renegotiations);
    // the hosts' studio answers `renegotiate` with a new offer; so does the viewer's page
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(await request(v, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    await waitFor(() => kms.graph.pipelines().length === 1, 20_000, 50, "the hung session's pipeline swept");
    const pipeline = kms.graph.pipelines()[0]?.id as string;
    expect(pipeline).not.toBe(oldPipeline);
    expect(kms.graph.ofType("Composite", pipeline)).toHaveLength(1);
    expect(kms.graph.ofType("WebRtcEndpoint", pipeline)).toHaveLength(2);
    expect(app.registry.stats(s.eventId)).toMatchObject({ live: true, hosts: 1, webrtcViewers: 1 });
  }, 90_000);

  it("runs a show on a KMS that refuses addTag", async () => {
    const { s, kms, connect } = await setUp({ faults: { refuseAddTag: true } });
    const h = await connect(host(s), "host");
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(kms.graph.pipelines()).toHaveLength(1);
    expect(kms.graph.pipelines()[0]?.tags).toEqual({});
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("live");
  });

  it("runs a show on a KMS without the filters module, and refuses one without elements with the reason on /health", async () => {
    const { s, kms, connect } = await setUp({ faults: { withoutModules: ["filters"] } });
    const h = await connect(host(s), "host");
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(kms.graph.ofType("Composite")).toHaveLength(1);

    const other = await setUp({ faults: { withoutModules: ["elements"] } });
    const h2 = await other.connect(host(other.s), "host");
    expect(await request(h2, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "MEDIA_SERVER_UNAVAILABLE" } });
    const health = await fetch(`${other.app.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, reason: expect.stringContaining("lacks the module(s) elements") });
    expect(other.kms.graph.pipelines()).toHaveLength(0);
  });

  it("fails a request whose replies are lost instead of hanging, and serves again once they arrive", async () => {
    const { s, kms, connect } = await setUp();
    const h = await connect(host(s), "host");
    expect(await request(h, "session:hello", {})).toMatchObject({ ok: true });
    kms.faults.dropReplyRate = 1;
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "MEDIA_SERVER_UNAVAILABLE" } });
    expect(kms.droppedReplies()).toBeGreaterThan(0);
    kms.faults.dropReplyRate = 0;
    await waitFor(async () => "ok" in (await request(h, "host:publish", { sdpOffer: HOST_OFFER })), 30_000, 200, "publishing again");
    expect(kms.graph.ofType("Composite").length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
