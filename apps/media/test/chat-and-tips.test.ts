/**
 * Chat and tips in a show: ticket holders chat, moderators delete and ban,
 * a flood is rate limited, confirmed tips appear for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

describe("chat and tips", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  let host: ClientSocket;
  let alice: ClientSocket;
  let bob: ClientSocket;

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(2);
    app = await startMedia(testEnv(s.dbUrl, [kms.url]));
    host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    alice = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    bob = await client(app.url, await token(s.eventId, s.viewers[1] as Seed["viewers"][0], "viewer"));
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    for (const x of [host, alice, bob]) x?.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("delivers a ticket holder's message to everyone in the show and keeps it", async () => {
    const atHost = next(host, "chat:message");
    const ack = await request(alice, "chat:send", { body: "  hello from the front row  " });
    expect(ack).toMatchObject({ ok: true, message: { body: "hello from the front row", name: "Viewer 1", role: "viewer" } });
    expect(await atHost).toMatchObject({ body: "hello from the front row", userId: (s.viewers[0] as Seed["viewers"][0]).id });
    const history = await request(bob, "chat:history", {});
    expect(history).toMatchObject({ ok: true, messages: [{ body: "hello from the front row" }] });
    expect(await request(alice, "chat:send", { body: "" })).toMatchObject({ error: { code: "INVALID_ARGUMENT" } });
  });

  it("lets hosts delete messages and ban, but not viewers", async () => {
    const sent = await request(bob, "chat:send", { body: "spam spam" });
    if (!("ok" in sent)) throw new Error("not sent");
    expect(await request(alice, "chat:delete", { messageId: sent.message.id })).toMatchObject({ error: { code: "FORBIDDEN" } });
    const deleted = next(alice, "chat:deleted");
    expect(await request(host, "chat:delete", { messageId: sent.message.id })).toEqual({ ok: true });
    expect(await deleted).toEqual({ messageId: sent.message.id });
    const history = await request(alice, "chat:history", {});
    expect("ok" in history && history.messages.some((m) => m.id === sent.message.id)).toBe(false);

    const bobId = (s.viewers[1] as Seed["viewers"][0]).id;
    const banned = next(alice, "chat:banned");
    expect(await request(host, "chat:ban", { userId: bobId })).toEqual({ ok: true });
    expect(await banned).toEqual({ userId: bobId });
    expect(await request(bob, "chat:send", { body: "let me talk" })).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await request(host, "chat:ban", { userId: (s.hosts[1] as { id: string }).id })).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("rate limits a flood with RATE_LIMITED", async () => {
    const acks = [];
    for (let i = 0; i < 7; i++) acks.push(await request(host, "chat:send", { body: `message ${i}` }));
    expect(acks.slice(0, 5).every((a) => "ok" in a)).toBe(true);
    expect(acks[5]).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(await s.db.chatMessage.count({ where: { eventId: s.eventId, userId: (s.hosts[0] as { id: string }).id } })).toBe(5);
  });

  it("shows a confirmed tip to everyone once, and never a pending one", async () => {
    const tipper = s.viewers[0] as Seed["viewers"][0];
    await s.db.tip.create({ data: { eventId: s.eventId, userId: tipper.id, amountCents: 300, currency: "usd", status: "pending" } });
    const tipAtHost = next(host, "tip");
    const tipAtBob = next(bob, "tip");
    await s.db.tip.create({ data: { eventId: s.eventId, userId: tipper.id, amountCents: 500, currency: "usd", message: "Encore!", status: "confirmed", confirmedAt: new Date() } });
    const tip = await tipAtHost;
    expect(tip).toMatchObject({ amountCents: 500, currency: "usd", message: "Encore!", name: "Viewer 1" });
    expect(await tipAtBob).toEqual(tip);
    expect(await app.tips.pollOnce()).toBe(0);
  });
});
