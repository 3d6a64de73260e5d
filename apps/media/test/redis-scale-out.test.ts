/**
 * Two media nodes behind one Redis (socket.io Redis adapter): room
 * broadcasts and ticket takeovers reach sockets on the other node.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { startRedis, type RedisServer } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, next, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

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

  it("takes over a ticket's device on the other node", async () => {
    const v = s.viewers[1] as Seed["viewers"][0];
    const first = await client(nodeA.url, await token(s.eventId, v, "viewer", "tv"));
    sockets.push(first);
    const takenOver = next(first, "session:taken-over");
    const second = await client(nodeB.url, await token(s.eventId, v, "viewer", "phone"));
    sockets.push(second);
    expect((await takenOver).message).toMatch(/another device/);
  });
});
