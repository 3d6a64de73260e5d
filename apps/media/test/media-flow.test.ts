/**
 * Media flow watch: a host whose video stops reaching Kurento
 * (MediaFlowInStateChanged NOT_FLOWING on its WebRtcEndpoint) is shown to the
 * other hosts as reconnecting after MEDIA_FLOW_STALL_MS, and back once it flows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type ShowState } from "@limelight/contracts";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

describe("media flow of hosts", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(0);
    app = await startMedia(testEnv(s.dbUrl, [kms.url], { MEDIA_FLOW_STALL_MS: "300" }));
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("shows a host whose video stopped flowing as reconnecting, and clears it when the video flows again", async () => {
    const a = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    const b = await client(app.url, await token(s.eventId, s.hosts[1] as { id: string; name: string }, "host"));
    sockets.push(a, b);
    const states: ShowState[] = [];
    b.on("show:state", (st) => states.push(st));
    expect(await request(a, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    expect(await request(b, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 1 });
    const [endpointA, endpointB] = kms.graph.ofType("WebRtcEndpoint").map((e) => e.id) as [string, string];
    const flow = (id: string, state: "FLOWING" | "NOT_FLOWING") => kms.graph.emit(id, "MediaFlowInStateChanged", { state, mediaType: "VIDEO", padName: "default" });
    const slot = (n: number) => states.at(-1)?.hosts.find((h) => h.slot === n);
    flow(endpointA, "FLOWING");
    flow(endpointB, "FLOWING");
    await expect.poll(() => slot(0)?.reconnecting, { timeout: 10_000, interval: 50 }).toBe(false);

    flow(endpointA, "NOT_FLOWING");
    await expect.poll(() => slot(0), { timeout: 10_000, interval: 50 }).toMatchObject({ connected: true, reconnecting: true });
    expect(slot(1)).toMatchObject({ reconnecting: false });

    flow(endpointA, "FLOWING");
    await expect.poll(() => slot(0), { timeout: 10_000, interval: 50 }).toMatchObject({ connected: true, reconnecting: false });
  });
});
