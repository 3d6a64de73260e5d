/**
 * Frozen program: when no video flows out of a live show's program HubPort
 * (MediaFlowOutStateChanged NOT_FLOWING) for PROGRAM_FROZEN_MS while a host
 * is on, /health reports the node "degraded" with the show's id (still 200:
 * one show's fault, not the node's), and healthy again once it flows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

interface Health {
  ok: boolean;
  status: string;
  reason?: string;
  frozenPrograms: Array<{ eventId: string; frozenSince: string; frozenForMs: number }>;
}

describe("frozen program", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(0);
    app = await startMedia(testEnv(s.dbUrl, [kms.url], { PROGRAM_FROZEN_MS: "500" }));
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  const health = async (): Promise<{ status: number; body: Health }> => {
    const res = await fetch(`${app.url}/health`);
    return { status: res.status, body: (await res.json()) as Health };
  };

  it("reports a live program with no video flowing on /health, and clears it when the video flows again", async () => {
    const host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    sockets.push(host);
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
    // The program HubPort: the Composite's port no host feeds.
    const program = kms.graph.ofType("HubPort").find((p) => kms.graph.connectionsTo(p.id).length === 0);
    expect(program).toBeDefined();
    const flow = (state: "FLOWING" | "NOT_FLOWING") => kms.graph.emit(program?.id as string, "MediaFlowOutStateChanged", { state, mediaType: "VIDEO", padName: "default" });

    flow("FLOWING");
    await expect.poll(async () => (await health()).body.status, { timeout: 10_000, interval: 50 }).toBe("ok");

    flow("NOT_FLOWING");
    await expect.poll(async () => (await health()).body.status, { timeout: 10_000, interval: 50 }).toBe("degraded");
    const frozen = await health();
    expect(frozen.status).toBe(200);
    expect(frozen.body.ok).toBe(true);
    expect(frozen.body.frozenPrograms).toEqual([expect.objectContaining({ eventId: s.eventId })]);
    expect(frozen.body.frozenPrograms[0]?.frozenForMs).toBeGreaterThanOrEqual(500);
    expect(frozen.body.reason).toContain(s.eventId);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^limelight_media_frozen_programs 1$/m);

    flow("FLOWING");
    await expect.poll(async () => (await health()).body, { timeout: 10_000, interval: 50 }).toMatchObject({ status: "ok", frozenPrograms: [] });
  });
});
