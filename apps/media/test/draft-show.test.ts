/**
 * A draft event is not public yet and never goes live: neither its host
 * (host:publish) nor an admin (show:open) can open it, over the socket a
 * studio uses. The Event stays a draft and no MediaPipeline is created.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

describe("a draft event cannot go live", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(1);
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "draft" } });
    app = await startMedia(testEnv(s.dbUrl, [kms.url]));
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("refuses the host's SDP offer and the admin's show:open with INVALID_TRANSITION; the event stays a draft", async () => {
    const host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    const admin = await client(app.url, await token(s.eventId, s.admin, "admin"));
    sockets.push(host, admin);
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "INVALID_TRANSITION" } });
    expect(await request(admin, "show:open", {})).toMatchObject({ error: { code: "INVALID_TRANSITION" } });
    expect(kms.graph.pipelines()).toHaveLength(0);
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("draft");
  });
});
