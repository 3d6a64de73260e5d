/**
 * Two media nodes behind one Redis (socket.io Redis adapter): room
 * broadcasts and ticket takeovers reach sockets on the other node.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { startRedis, type RedisServer } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

describe("scale-out through Redis", () => {
  let redis: RedisServer;
  let kms: FakeKms;
  let nodeA: MediaApp;
  let nodeB: MediaApp;
  let s: Seed;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    kms = await startFakeKms();
    s = await seed(2);
    const env = testEnv(s.dbUrl, [kms.url], { REDIS_URL: redis.url });
    nodeA = await startMedia({ ...env, MEDIA_NODE_ID: "node-a" });
    nodeB = await startMedia({ ...env, MEDIA_NODE_ID: "node-b" });
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await nodeA?.close();
    await nodeB?.close();
    await kms?.stop();
    await redis?.stop();
    await s?.db.$disconnect();
  });

  it("delivers a chat message sent on node A to a viewer on node B", async () => {
    const onA = await client(nodeA.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    const onB = await client(nodeB.url, await token(s.eventId, s.viewers[1] as Seed["viewers"][0], "viewer"));
    sockets.push(onA, onB);
    const received = next(onB, "chat:message");
    expect(await request(onA, "chat:send", { body: "hi from node A" })).toMatchObject({ ok: true });
    expect(await received).toMatchObject({ body: "hi from node A", name: "Viewer 1" });
  });

  it("enforces one chat rate limit across both nodes", async () => {
    // a host may hold a studio socket on each node; its chat budget (5 per 10 s) is shared through Redis
    const h = s.hosts[2] as { id: string; name: string };
    const onA = await client(nodeA.url, await token(s.eventId, h, "host"));
    const onB = await client(nodeB.url, await token(s.eventId, h, "host"));
    sockets.push(onA, onB);
    for (let i = 0; i < 3; i++) expect(await request(onA, "chat:send", { body: `a${i}` })).toMatchObject({ ok: true });
    for (let i = 0; i < 2; i++) expect(await request(onB, "chat:send", { body: `b${i}` })).toMatchObject({ ok: true });
    expect(await request(onA, "chat:send", { body: "one too many" })).toMatchObject({ error: { code: "RATE_LIMITED", details: { retryAfterMs: expect.any(Number) } } });
    expect(await request(onB, "chat:send", { body: "one too many" })).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(await s.db.chatMessage.count({ where: { eventId: s.eventId, userId: h.id } })).toBe(5);
  });

  it("takes over a ticket's device on the other node", async () => {
    const v = s.viewers[1] as Seed["viewers"][0];
    const first = await client(nodeA.url, await token(s.eventId, v, "viewer", "tv"));
    sockets.push(first);
    const takenOver = next(first, "session:taken-over");
    const second = await client(nodeB.url, await token(s.eventId, v, "viewer", "phone"));
    sockets.push(second);
    expect((await takenOver).message).toMatch(/another device/);
  });

  it("builds a show's media graph on one node only: the other node refuses until the show ends", async () => {
    const onA = await client(nodeA.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    const onB = await client(nodeB.url, await token(s.eventId, s.hosts[1] as { id: string; name: string }, "host"));
    sockets.push(onA, onB);
    expect(await request(onA, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    expect(await request(onB, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "CONFLICT" } });
    expect(await request(onB, "show:open", {})).toMatchObject({ error: { code: "CONFLICT" } });
    expect(kms.graph.pipelines()).toHaveLength(1);
    // the owner ends the show; its lease is freed before show:ended goes out
    const ended = next(onB, "show:ended");
    expect(await request(onA, "show:end", {})).toEqual({ ok: true });
    await ended;
    expect(kms.graph.pipelines()).toHaveLength(0);
    // rescheduled (an admin reopened sales): node B may now build it
    await s.db.event.update({ where: { id: s.eventId }, data: { status: "on_sale", endedAt: null } });
    expect(await request(onB, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    expect(kms.graph.pipelines()).toHaveLength(1);
  });
});
