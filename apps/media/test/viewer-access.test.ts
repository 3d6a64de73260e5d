/**
 * Who gets the program: a valid ticket of this event, one device at a time.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { signAccessToken } from "@limelight/access-token";
import { waitFor } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, SECRET, startMedia, testEnv, token, VIEWER_OFFER } from "./fixtures";

const TURN_SECRET = "turn-rest-secret-for-the-viewer-access-test-0123";

describe("viewer access", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  let host: ClientSocket;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(2);
    app = await startMedia(
      testEnv(s.dbUrl, [kms.url], { STUN_URLS: "stun:stun.example.test:3478", TURN_URLS: "turn:turn.example.test:3478?transport=udp", TURN_SECRET: TURN_SECRET, ACCESS_RECHECK_MS: "600000" }),
    );
    host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    sockets.push(host);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("tells a ticket holder the show is not live before a host goes live", async () => {
    const viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(viewer);
    const hello = (await request(viewer, "session:hello", {})) as { iceServers: Array<{ urls: string[]; username?: string; credential?: string }> };
    expect(hello).toMatchObject({
      ok: true,
      role: "viewer",
      eventId: s.eventId,
      name: "Viewer 1",
      iceServers: [{ urls: ["stun:stun.example.test:3478"] }, { urls: ["turn:turn.example.test:3478?transport=udp"] }],
      show: { live: false, hosts: [], webrtcViewers: 0 },
    });
    // A TURN REST credential of this ticket holder, valid at most one hour, that coturn can verify with the shared secret.
    const turn = hello.iceServers[1]!;
    const [expiry, userId] = (turn.username ?? "").split(":");
    expect(userId).toBe((s.viewers[0] as Seed["viewers"][0]).id);
    expect(Number(expiry) - Date.now() / 1000).toBeLessThanOrEqual(3_600);
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(60);
    expect(turn.credential).toBe(createHmac("sha1", TURN_SECRET).update(turn.username ?? "").digest("base64"));
    expect(await request(viewer, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ error: { code: "EVENT_NOT_LIVE" } });
    expect(kms.graph.ofType("WebRtcEndpoint")).toHaveLength(0);
    viewer.close();
  });

  it("serves a viewer behind a proxy that blocks WebSocket over HTTP long-polling", async () => {
    const viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"), ["polling"]);
    sockets.push(viewer);
    expect(viewer.io.engine.transport.name).toBe("polling");
    expect(await request(viewer, "session:hello", {})).toMatchObject({ ok: true, role: "viewer", eventId: s.eventId });
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    viewer.close();
  });

  it("gives no connection, hence no SDP answer, without a valid ticket", async () => {
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    const endpointsBefore = kms.graph.ofType("WebRtcEndpoint").length;
    const noTicket = await signAccessToken({ userId: s.outsider.id, eventId: s.eventId, ticketId: null, role: "viewer", deviceId: "d1", name: "x" }, SECRET);
    await expect(client(app.url, noTicket)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    // someone else's ticket
    const stolen = await token(s.eventId, { ...s.outsider, ticketId: (s.viewers[1] as Seed["viewers"][0]).ticketId }, "viewer");
    await expect(client(app.url, stolen)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    // refunded ticket
    await expect(client(app.url, await token(s.eventId, s.refunded, "viewer"))).rejects.toMatchObject({ data: { code: "PAYMENT_REQUIRED" } });
    // forged token
    const forged = await signAccessToken({ userId: s.outsider.id, eventId: s.eventId, ticketId: null, role: "admin", deviceId: "d", name: "x" }, "another-secret-that-is-long-enough-000");
    await expect(client(app.url, forged)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(client(app.url, "")).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    expect(kms.graph.ofType("WebRtcEndpoint")).toHaveLength(endpointsBefore);
  });

  it("refuses a viewer whose ticket is revoked while connected", async () => {
    const v = s.viewers[1] as Seed["viewers"][0];
    const viewer = await client(app.url, await token(s.eventId, v, "viewer"));
    sockets.push(viewer);
    await s.db.ticket.update({ where: { id: v.ticketId }, data: { status: "revoked", revokedAt: new Date() } });
    expect(await request(viewer, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ error: { code: "PAYMENT_REQUIRED" } });
    await s.db.ticket.update({ where: { id: v.ticketId }, data: { status: "valid", revokedAt: null } });
  });

  it("rejects a malformed offer with INVALID_ARGUMENT", async () => {
    const viewer = await client(app.url, await token(s.eventId, s.viewers[1] as Seed["viewers"][0], "viewer"));
    sockets.push(viewer);
    expect(await request(viewer, "viewer:watch", { sdpOffer: "hello" })).toMatchObject({ error: { code: "INVALID_ARGUMENT" } });
    expect(await request(viewer, "viewer:watch", {} as never)).toMatchObject({ error: { code: "INVALID_ARGUMENT" } });
    // looks like SDP but has no media section: the media server refuses it, the viewer is told why
    expect(await request(viewer, "viewer:watch", { sdpOffer: "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" })).toMatchObject({
      error: { code: "INVALID_ARGUMENT", message: "The SDP offer could not be parsed" },
    });
    expect(kms.graph.ofType("WebRtcEndpoint").filter((e) => e.params.sendonly === true)).toHaveLength(0);
    viewer.close();
  });

  it("lets a second device on the same ticket take over: the first is told, disconnected and its endpoint released", async () => {
    const v = s.viewers[0] as Seed["viewers"][0];
    const first = await client(app.url, await token(s.eventId, v, "viewer", "laptop"));
    sockets.push(first);
    expect(await request(first, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    const viewerEndpoints = () => kms.graph.ofType("WebRtcEndpoint").filter((e) => e.params.sendonly === true);
    expect(viewerEndpoints()).toHaveLength(1);
    const firstEndpoint = viewerEndpoints()[0]?.id as string;
    const takenOver = next(first, "session:taken-over");
    const disconnected = new Promise<void>((resolve) => first.once("disconnect", () => resolve()));

    const second = await client(app.url, await token(s.eventId, v, "viewer", "phone"));
    sockets.push(second);
    expect((await takenOver).message).toMatch(/another device/);
    await disconnected;
    expect(await request(second, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    await waitFor(() => !kms.graph.has(firstEndpoint), 5_000, 20, "first endpoint released");
    expect(viewerEndpoints()).toHaveLength(1);
    const stats = await fetch(`${app.url}/internal/shows/${s.eventId}/stats`, { headers: { "x-internal-secret": "test-internal-secret-123" } });
    expect(await stats.json()).toMatchObject({ webrtcViewers: 1, hosts: 1 });
  });

  it("lets an admin open a show but not publish a camera; viewers may not end it", async () => {
    const admin = await client(app.url, await token(s.eventId, s.admin, "admin"));
    sockets.push(admin);
    expect(await request(admin, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await request(admin, "show:open", {})).toMatchObject({ ok: true, show: { live: true } });
    const viewer = sockets.find((x) => x.connected && x !== host && x !== admin) as ClientSocket;
    expect(await request(viewer, "show:end", {})).toMatchObject({ error: { code: "FORBIDDEN" } });
    // a performer's token claiming admin is refused at the door
    await expect(client(app.url, await token(s.eventId, s.hosts[1] as { id: string; name: string }, "admin"))).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });

  it("answers the internal stats API only with the shared secret", async () => {
    const res = await fetch(`${app.url}/internal/stats`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const ok = await fetch(`${app.url}/internal/stats`, { headers: { "x-internal-secret": "test-internal-secret-123" } });
    expect(await ok.json()).toEqual({ shows: [{ eventId: s.eventId, live: true, hosts: 1, webrtcViewers: 1, injectedVideos: 0 }] });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain(`limelight_media_show_webrtc_viewers{event_id="${s.eventId}"} 1`);
    expect(metrics).toContain(`limelight_media_show_hosts{event_id="${s.eventId}"} 1`);
    expect(metrics).toMatch(/limelight_media_viewer_joins_total 2\b/);
  });
});
