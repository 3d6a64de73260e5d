/**
 * Hosts see overflow viewers: show:state carries the HLS viewers the edges
 * report for this show (Edge.showViewers), not only WebRTC viewers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type ShowState } from "@limelight/contracts";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

describe("HLS viewers in the show state", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  let host: ClientSocket;

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(0);
    app = await startMedia(testEnv(s.dbUrl, [kms.url], { HLS_VIEWERS_POLL_MS: "100" }));
    host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
  });

  afterAll(async () => {
    host?.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  const edge = (label: string, status: string, showViewers: Record<string, number>) =>
    s.db.edge.create({
      data: { label, provider: "local", region: "local", plan: "nginx", hourlyCostCents: 0, status, viewers: Object.values(showViewers).reduce((a, b) => a + b, 0), showViewers: JSON.stringify(showViewers) },
    });

  it("pushes the show's HLS viewers from ready and draining edges to the hosts as they change", async () => {
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    const states: ShowState[] = [];
    host.on("show:state", (state) => states.push(state));
    await edge("a", "ready", { [s.eventId]: 40, other: 7 });
    await edge("b", "draining", { [s.eventId]: 2 });
    await edge("c", "failed", { [s.eventId]: 500 });
    await expect.poll(() => states.at(-1)?.hlsViewers, { timeout: 5_000, interval: 50 }).toBe(42);

    await s.db.edge.update({ where: { label: "b" }, data: { status: "deleted", showViewers: "{}" } });
    await expect.poll(() => states.at(-1)?.hlsViewers, { timeout: 5_000, interval: 50 }).toBe(40);
    const state = await request(host, "show:state", {});
    expect(state).toMatchObject({ ok: true, show: { hlsViewers: 40, webrtcViewers: 0 } });
  });
});
