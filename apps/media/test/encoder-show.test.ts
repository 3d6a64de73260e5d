/**
 * A show fed from an encoder (OBS → origin) on a media node without Kurento
 * (KMS_URLS empty): hosts are told live composite needs Kurento; the show's
 * room follows the Event row (the web app marks it live when the origin
 * accepts the stream key), tips reach everyone, and a host ends it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShowState } from "@limelight/contracts";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

describe("a show fed from an encoder, with no Kurento Media Server configured", () => {
  let app: MediaApp;
  let s: Seed;
  let host: ClientSocket;
  let viewer: ClientSocket;
  const viewerStates: ShowState[] = [];

  beforeAll(async () => {
    s = await seed(1);
    app = await startMedia(testEnv(s.dbUrl, [], { SHOW_STATUS_POLL_MS: "100", TIP_POLL_MS: "100" }));
    host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    viewer.on("show:state", (state) => viewerStates.push(state));
  });

  afterAll(async () => {
    host?.close();
    viewer?.close();
    await app?.close();
    await s?.db.$disconnect();
  });

  it("tells hosts that live composite needs Kurento and refuses a camera with a clear code", async () => {
    const hello = await request(host, "session:hello", {});
    expect(hello).toMatchObject({ ok: true, show: { live: false, source: null, media: { status: "not-configured" } } });
    expect("show" in hello ? hello.show.media.message : "").toContain("needs Kurento Media Server");
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "COMPOSITE_NOT_CONFIGURED" } });
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("on_sale");
  });

  it("tells the room when the encoder's stream makes the show live, and shows tips to everyone", async () => {
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "live", liveAt: new Date() } });
    await expect.poll(() => viewerStates.at(-1), { timeout: 5_000, interval: 50 }).toMatchObject({ live: true, source: "encoder" });

    const tipper = s.viewers[0] as Seed["viewers"][0];
    const tipAtHost = next(host, "tip");
    const tipAtViewer = next(viewer, "tip");
    await s.db.tip.create({ data: { eventId: s.eventId, userId: tipper.id, amountCents: 700, currency: "usd", message: "from the couch", status: "confirmed", confirmedAt: new Date() } });
    expect(await tipAtHost).toMatchObject({ amountCents: 700, name: "Viewer 1", message: "from the couch" });
    expect(await tipAtViewer).toMatchObject({ amountCents: 700 });
  });

  it("lets a host end the show: viewers are told and the event is ended", async () => {
    const ended = next(viewer, "show:ended");
    expect(await request(host, "show:end", {})).toMatchObject({ ok: true });
    expect(await ended).toMatchObject({ eventId: s.eventId });
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("ended");
    expect(await request(viewer, "show:state", {})).toMatchObject({ ok: true, show: { live: false, source: null } });
  });
});
