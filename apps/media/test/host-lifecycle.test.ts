/**
 * A host's life in a show: a dropped host rejoins its own slot; injected
 * videos end with EndOfStream and bad URIs are refused; when every host is
 * gone for the grace period the show ends by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { waitFor } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

/** How long a show with no connected host stays up, ms (short for the test). */
const EMPTY_SHOW_GRACE_MS = 1_500;

describe("host lifecycle", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  const sockets: ClientSocket[] = [];
  const hostToken = (i: number) => token(s.eventId, s.hosts[i] as { id: string; name: string }, "host");

  beforeAll(async () => {
    kms = await startFakeKms({ playerDurationMs: 200 });
    s = await seed(1);
    app = await startMedia(testEnv(s.dbUrl, [kms.url], { EMPTY_SHOW_GRACE_MS: String(EMPTY_SHOW_GRACE_MS), HOST_REJOIN_GRACE_MS: "5000" }));
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("keeps a dropped host's slot and gives it back when the host reconnects", async () => {
    const a = await client(app.url, await hostToken(0));
    const b = await client(app.url, await hostToken(1));
    sockets.push(a, b);
    expect(await request(a, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(await request(b, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 1 });
    a.close(); // network loss
    await waitFor(async () => {
      const st = await request(b, "show:state", {});
      return "ok" in st && st.show.hosts.some((h) => h.slot === 0 && !h.connected);
    }, 5_000, 50, "host 0 shown as dropped");
    // a third host does not steal the dropped host's slot
    const c = await client(app.url, await hostToken(2));
    sockets.push(c);
    expect(await request(c, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 2 });
    const back = await client(app.url, await hostToken(0));
    sockets.push(back);
    expect(await request(back, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    c.close();
  });

  it("injects a video by URI, reports its EndOfStream, and refuses other schemes and traversal", async () => {
    const host = sockets[1] as ClientSocket;
    expect(await request(host, "video:add", { uri: "../../etc/passwd", title: "x" })).toMatchObject({ error: { code: "INVALID_ARGUMENT" } });
    expect(await request(host, "video:add", { uri: "ftp://example.test/a.mp4", title: "x" })).toMatchObject({ error: { code: "INVALID_ARGUMENT" } });
    const viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(viewer);
    expect(await request(viewer, "video:add", { uri: "clip.mp4", title: "x" })).toMatchObject({ error: { code: "FORBIDDEN" } });

    const added = await request(host, "video:add", { uri: "clips/intro.mp4", title: "Intro" });
    if (!("ok" in added)) throw new Error(JSON.stringify(added));
    expect(added.video.uri).toBe("file:///srv/media/clips/intro.mp4");
    const ended = new Promise((resolve) => host.on("video:state", (v) => v.state === "ended" && resolve(v)));
    expect(await request(host, "video:play", { videoId: added.video.id })).toMatchObject({ ok: true, video: { state: "playing" } });
    expect(await ended).toMatchObject({ id: added.video.id, state: "ended" });
    expect(await request(host, "video:list", {})).toMatchObject({ ok: true, videos: [{ id: added.video.id, state: "ended" }] });
    const p = kms.graph.pipelines()[0]?.id as string;
    const ports = kms.graph.ofType("HubPort", p).length;
    expect(await request(host, "video:remove", { videoId: added.video.id })).toMatchObject({ ok: true, video: { state: "removed" } });
    expect(kms.graph.ofType("PlayerEndpoint", p)).toHaveLength(0);
    await waitFor(() => kms.graph.ofType("HubPort", p).length === ports - 1, 5_000, 20, "video HubPort released");
    expect(await request(host, "video:list", {})).toMatchObject({ ok: true, videos: [] });
  });

  it("ends the show by itself when all hosts have been gone for the grace period, not before", async () => {
    const viewer = sockets[sockets.length - 1] as ClientSocket;
    const ended = next(viewer, "show:ended");
    const hostsLeftAt = Date.now();
    for (const x of sockets.slice(0, -1)) x.close();
    expect((await ended).reason).toMatch(/hosts left/);
    // Order, not speed: the end comes after the whole grace period (EMPTY_SHOW_GRACE_MS = 1500) that starts when the
    // last host leaves; a busy machine only makes it later. A show that ended as soon as its hosts dropped fails here.
    expect(Date.now() - hostsLeftAt).toBeGreaterThanOrEqual(EMPTY_SHOW_GRACE_MS - 10);
    expect(kms.graph.pipelines()).toHaveLength(0);
    await waitFor(async () => (await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status === "ended", 5_000, 50, "event ended");
  });

  it("lets a host close an event left live by a restarted media node", async () => {
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "live", endedAt: null } });
    const h = await client(app.url, await hostToken(3));
    sockets.push(h);
    expect(await request(h, "show:end", {})).toEqual({ ok: true });
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("ended");
    expect(await request(h, "show:end", {})).toMatchObject({ error: { code: "EVENT_NOT_LIVE" } });
    expect(await request(h, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "INVALID_TRANSITION" } });
  });

  it("keeps a host from going live a day early, while an admin may open the show and the host then joins", async () => {
    const host = s.hosts[0] as { id: string; name: string };
    const event = await s.db.event.create({
      data: { slug: `tomorrow-${Date.now()}`, title: "Tomorrow", description: "", startsAt: new Date(Date.now() + 24 * 3600_000), durationMinutes: 60, priceCents: 1500, capacity: 10, status: "on_sale", streamKey: `key-${Date.now()}` },
    });
    await s.db.eventHost.create({ data: { eventId: event.id, userId: host.id, shareBps: 10_000 } });
    const early = await client(app.url, await token(event.id, host, "host"));
    sockets.push(early);
    const refused = await request(early, "host:publish", { sdpOffer: HOST_OFFER });
    expect(refused).toMatchObject({ error: { code: "OUTSIDE_SHOW_WINDOW", message: expect.stringContaining("can go live from") } });
    expect(await request(early, "show:open", {})).toMatchObject({ error: { code: "OUTSIDE_SHOW_WINDOW" } });
    expect(kms.graph.pipelines()).toHaveLength(0);
    expect((await s.db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("on_sale");

    const admin = await client(app.url, await token(event.id, s.admin, "admin"));
    sockets.push(admin);
    expect(await request(admin, "show:open", {})).toMatchObject({ ok: true, show: { live: true } });
    expect(kms.graph.pipelines()).toHaveLength(1);
    expect(await request(early, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(await request(admin, "show:end", {})).toEqual({ ok: true });
    expect(kms.graph.pipelines()).toHaveLength(0);
  });

  it("never lets a draft event go live, not even for an admin", async () => {
    const host = s.hosts[0] as { id: string; name: string };
    const event = await s.db.event.create({
      data: { slug: `draft-${Date.now()}`, title: "Draft", description: "", startsAt: new Date(), durationMinutes: 60, priceCents: 1500, capacity: 10, status: "draft", streamKey: `draft-key-${Date.now()}` },
    });
    await s.db.eventHost.create({ data: { eventId: event.id, userId: host.id, shareBps: 10_000 } });
    const performer = await client(app.url, await token(event.id, host, "host"));
    const admin = await client(app.url, await token(event.id, s.admin, "admin"));
    sockets.push(performer, admin);
    const pipelines = kms.graph.pipelines().length;
    expect(await request(performer, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "INVALID_TRANSITION" } });
    expect(await request(admin, "show:open", {})).toMatchObject({ error: { code: "INVALID_TRANSITION" } });
    expect(kms.graph.pipelines()).toHaveLength(pipelines);
    expect((await s.db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("draft");
  });
});
