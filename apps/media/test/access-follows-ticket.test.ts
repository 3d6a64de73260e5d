/**
 * Access that follows the ticket after the handshake: a viewer whose ticket
 * is refunded while watching is told why and disconnected (the viewer count
 * drops and its endpoint is released); when an access token expires access
 * is re-checked (a valid ticket keeps watching); a host removed from the event
 * loses its socket.
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

  it("re-checks access when a token expires: a refunded ticket is cut off, a valid one keeps watching", async () => {
    // a node whose periodic re-check is far away: only the expiry timer can act
    const quiet = await startMedia(testEnv(s.dbUrl, [kms.url], { ACCESS_RECHECK_MS: "600000" }));
    try {
      const [stays, refunded] = [s.viewers[1], s.viewers[2]] as [Seed["viewers"][0], Seed["viewers"][0]];
      const shortLived = (v: Seed["viewers"][0]) =>
        signAccessToken({ userId: v.id, eventId: s.eventId, ticketId: v.ticketId, role: "viewer", deviceId: `short-${v.id}`, name: v.name }, SECRET, { ttlSeconds: 5 });
      const a = await client(quiet.url, await shortLived(stays));
      const b = await client(quiet.url, await shortLived(refunded));
      sockets.push(a, b);
      await s.db.ticket.update({ where: { id: refunded.ticketId }, data: { status: "refunded" } });
      expect(await next(b, "access:revoked")).toEqual({ code: "PAYMENT_REQUIRED", message: "Your access token expired and your ticket is refunded" });
      await waitFor(() => !b.connected, 10_000, 20, "disconnect");
      // the same expiry passed for the valid ticket: still connected and served
      expect(a.connected).toBe(true);
      expect(await request(a, "session:hello", {})).toMatchObject({ ok: true, role: "viewer" });
    } finally {
      await quiet.close();
    }
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
