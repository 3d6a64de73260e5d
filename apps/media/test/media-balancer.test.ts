/**
 * Several media nodes behind the nginx balancer of infra/nginx/render-media-lb.ts:
 * hosts and viewers of one show reach the node that holds its media graph
 * (hash on the handshake's eventId), over WebSocket and long-polling alike.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { startRedis, type RedisServer } from "@limelight/testkit";
import { startMediaLb, type RunningMediaLb } from "../../../infra/test/stack";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token, VIEWER_OFFER } from "./fixtures";

describe("media nodes behind the balancer", () => {
  let redis: RedisServer;
  let kms: FakeKms;
  let nodes: MediaApp[] = [];
  let lb: RunningMediaLb;
  let s: Seed;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    kms = await startFakeKms();
    s = await seed(1);
    const env = testEnv(s.dbUrl, [kms.url], { REDIS_URL: redis.url });
    nodes = [await startMedia({ ...env, MEDIA_NODE_ID: "node-a" }), await startMedia({ ...env, MEDIA_NODE_ID: "node-b" })];
    lb = await startMediaLb(nodes.map((n) => `127.0.0.1:${n.port}`));
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    for (const n of nodes) await n.close();
    await lb?.stop();
    await kms?.stop();
    await redis?.stop();
    await s?.db.$disconnect();
  });

  /** A live show of its own: a new event with host 0 of the seed and a viewer holding a ticket. */
  async function newShow(): Promise<{ eventId: string; viewer: { id: string; name: string; ticketId: string } }> {
    const event = await s.db.event.create({
      data: { slug: `lb-${randomUUID()}`, title: "Balanced", description: "", startsAt: new Date(), durationMinutes: 60, priceCents: 1500, capacity: 10, status: "on_sale", streamKey: randomUUID() },
    });
    const host = s.hosts[0] as { id: string };
    await s.db.eventHost.create({ data: { eventId: event.id, userId: host.id, shareBps: 10_000 } });
    const viewer = s.viewers[0] as Seed["viewers"][0];
    const ticket = await s.db.ticket.create({ data: { eventId: event.id, userId: viewer.id, status: "valid", source: "comp", amountCents: 0, currency: "usd" } });
    return { eventId: event.id, viewer: { id: viewer.id, name: viewer.name, ticketId: ticket.id } };
  }

  it("sends every socket of a show to the node that holds its media graph, spreading shows over the nodes", async () => {
    const used = new Set<string>();
    // Until both nodes hold a show (at least 4 shows; the hash spreads them, so 40 is never reached in practice).
    for (let i = 0; i < 40 && (i < 4 || used.size < nodes.length); i++) {
      const { eventId, viewer } = await newShow();
      const transports: Array<"websocket" | "polling"> = i % 2 === 0 ? ["websocket"] : ["polling"];
      const host = await client(lb.baseUrl, await token(eventId, s.hosts[0] as { id: string; name: string }, "host"), ["websocket"], { eventId });
      sockets.push(host);
      expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
      const watcher = await client(lb.baseUrl, await token(eventId, viewer, "viewer"), transports, { eventId });
      sockets.push(watcher);
      const answer = await request(watcher, "viewer:watch", { sdpOffer: VIEWER_OFFER });
      expect({ show: i, transport: transports[0], answered: "ok" in answer }).toEqual({ show: i, transport: transports[0], answered: true });
      const owners = nodes.filter((n) => n.registry.get(eventId));
      expect(owners).toHaveLength(1);
      expect(owners[0]?.registry.stats(eventId)).toMatchObject({ hosts: 1, webrtcViewers: 1 });
      used.add(String(owners[0]?.port));
    }
    expect(used.size).toBe(nodes.length);
  });
});
