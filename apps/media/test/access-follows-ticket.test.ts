/**
 * Access that follows the ticket after the handshake: a viewer whose ticket
 * is refunded while watching is told why and disconnected (the viewer count
 * drops and its endpoint is released); a socket whose access token expires
 * is told and disconnected; a host removed from the event loses its socket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { signAccessToken } from "@limelight/access-token";
import { waitFor } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, next, request, SECRET, seed, type Seed, startMedia, testEnv, token, VIEWER_OFFER } from "./fixtures";

describe("access follows the ticket", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  let host: ClientSocket;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(3);
    app = await startMedia(testEnv(s.dbUrl, [kms.url], { ACCESS_RECHECK_MS: "1000" }));
    host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    sockets.push(host);
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("disconnects a viewer whose ticket is refunded while watching, and the viewer count drops", async () => {
    const v = s.viewers[0] as Seed["viewers"][0];
    const viewer = await client(app.url, await token(s.eventId, v, "viewer"));
    sockets.push(viewer);
    expect(await request(viewer, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    await waitFor(() => app.registry.stats(s.eventId).webrtcViewers === 1, 10_000, 20, "viewer counted");
    const endpoints = kms.graph.ofType("WebRtcEndpoint").length;
    const revoked = next(viewer, "access:revoked");
    const gone = new Promise<string>((resolve) => viewer.once("disconnect", resolve));

    await s.db.ticket.update({ where: { id: v.ticketId }, data: { status: "refunded" } });
    expect(await revoked).toEqual({ code: "PAYMENT_REQUIRED", message: "Your ticket is refunded" });
    expect(await gone).toBe("io server disconnect");
    await waitFor(() => app.registry.stats(s.eventId).webrtcViewers === 0, 10_000, 20, "viewer count dropped");
    await waitFor(() => kms.graph.ofType("WebRtcEndpoint").length === endpoints - 1, 10_000, 20, "viewer endpoint released");
    // and the refunded ticket cannot come back
    await expect(client(app.url, await token(s.eventId, v, "viewer"))).rejects.toMatchObject({ data: { code: "PAYMENT_REQUIRED" } });
  });

  it("disconnects a socket when its access token expires", async () => {
    const v = s.viewers[1] as Seed["viewers"][0];
    const shortLived = await signAccessToken({ userId: v.id, eventId: s.eventId, ticketId: v.ticketId, role: "viewer", deviceId: "short", name: v.name }, SECRET, { ttlSeconds: 2 });
    const viewer = await client(app.url, shortLived);
    sockets.push(viewer);
    expect(await request(viewer, "session:hello", {})).toMatchObject({ ok: true });
    expect(await next(viewer, "access:revoked")).toMatchObject({ code: "TOKEN_EXPIRED" });
    await waitFor(() => !viewer.connected, 10_000, 20, "disconnect");
  });

  it("disconnects a host removed from the event", async () => {
    const h = s.hosts[1] as { id: string; name: string };
    const socket = await client(app.url, await token(s.eventId, h, "host"));
    sockets.push(socket);
    const revoked = next(socket, "access:revoked");
    await s.db.eventHost.deleteMany({ where: { eventId: s.eventId, userId: h.id } });
    expect(await revoked).toMatchObject({ code: "FORBIDDEN" });
    await waitFor(() => !socket.connected, 10_000, 20, "disconnect");
    // the other host is untouched
    expect(await request(host, "show:state", {})).toMatchObject({ ok: true, show: { live: true } });
  });
});
