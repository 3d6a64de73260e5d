/**
 * One program source at a time: while an encoder (OBS) feeds a show, a host
 * going live from the studio is refused with a clear error and the running
 * show is untouched; a studio show whose media node restarted is re-opened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

describe("one program source at a time", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(1);
    app = await startMedia(testEnv(s.dbUrl, [kms.url]));
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("refuses the studio while an encoder feeds the show, and leaves the show live", async () => {
    // the web app's on_publish made the show live from the encoder's stream key
    const liveAt = new Date();
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "live", liveAt } });
    const host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    const admin = await client(app.url, await token(s.eventId, s.admin, "admin"));
    const viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(host, admin, viewer);
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "CONFLICT", message: expect.stringContaining("encoder") } });
    expect(await request(admin, "show:open", {})).toMatchObject({ error: { code: "CONFLICT" } });
    expect(kms.graph.pipelines()).toHaveLength(0);
    expect(await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).toMatchObject({ status: "live", liveAt, liveSource: null });
    expect(await request(viewer, "show:state", {})).toMatchObject({ ok: true, show: { live: true, source: "encoder" } });
  });

  it("re-opens a studio show left live by a restarted media node", async () => {
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "live", liveSource: "studio" } });
    const host = await client(app.url, await token(s.eventId, s.hosts[1] as { id: string; name: string }, "host"));
    sockets.push(host);
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(kms.graph.pipelines()).toHaveLength(1);
    expect(await request(host, "show:state", {})).toMatchObject({ ok: true, show: { live: true, source: "studio" } });
  });

  it("marks a show opened from the studio with its source", async () => {
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "on_sale", liveSource: null } });
    const host = await client(app.url, await token(s.eventId, s.hosts[1] as { id: string; name: string }, "host"));
    sockets.push(host);
    await request(host, "show:end", {});
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "on_sale", liveSource: null, endedAt: null } });
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    expect(await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).toMatchObject({ status: "live", liveSource: "studio" });
  });
});
