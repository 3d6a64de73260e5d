/**
 * A hostile client against the media service: malformed payloads and unknown
 * events get a clear ack, injected video URIs never make Kurento reach an
 * internal address (the fake KMS connects to a played URI as a real one
 * fetches it), credentials in a URI never reach a client, a show holds at
 * most four videos. (The ICE candidate flood is in ice-flood.test.ts.)
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { freePort, waitFor } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

type Raw = { emit(event: string, ...args: unknown[]): void };
const rawRequest = (socket: ClientSocket, event: string, payload: unknown): Promise<unknown> =>
  new Promise((resolve) => (socket as unknown as Raw).emit(event, payload, resolve));

describe("hostile input", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  let host: ClientSocket;
  let listener: Server;
  let listenerPort: number;
  /** Local addresses of the connections that reached the listener. */
  const reached: string[] = [];
  const sockets: ClientSocket[] = [];
  /** Everything the media service sent to the host and a viewer, serialized. */
  const received: string[] = [];

  beforeAll(async () => {
    // A local service an attacker would like Kurento to reach (dual-stack: 127.0.0.0/8 and ::1).
    listenerPort = await freePort();
    listener = createServer((c: Socket) => {
      reached.push(String(c.localAddress));
      c.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(listenerPort, "::", resolve));
    kms = await startFakeKms({ fetchPlayerUris: true });
    s = await seed(1);
    app = await startMedia(testEnv(s.dbUrl, [kms.url], { INJECT_ALLOW_HOSTS: "cam.example.test,127.0.0.2/32" }));
    host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    sockets.push(host);
    host.onAny((event: string, ...args: unknown[]) => received.push(JSON.stringify([event, ...args])));
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
    await new Promise((resolve) => listener?.close(resolve));
  });

  it("acks an unknown event with UNKNOWN_EVENT and a malformed payload with INVALID_ARGUMENT and its path", async () => {
    expect(await rawRequest(host, "admin:become-root", {})).toEqual({ error: { code: "UNKNOWN_EVENT", message: 'Unknown event "admin:become-root"' } });
    expect(await rawRequest(host, "ice:candidate", { candidate: { candidate: 42 } })).toMatchObject({
      error: { code: "INVALID_ARGUMENT", details: { path: ["candidate", "candidate"] } },
    });
    expect(await rawRequest(host, "video:add", "not an object")).toMatchObject({ error: { code: "INVALID_ARGUMENT", details: { path: [] } } });
    expect(await rawRequest(host, "chat:send", { body: "x".repeat(10_000) })).toMatchObject({ error: { code: "INVALID_ARGUMENT", details: { path: ["body"] } } });
    // still serving after all that
    expect(await request(host, "show:state", {})).toMatchObject({ ok: true, show: { live: true } });
  });

  it("answers a malformed percent-escape in a path with 400, not 500", async () => {
    const res = await fetch(`${app.url}/internal/shows/%E0%A4%A/stats`, { headers: { "x-internal-secret": "test-internal-secret-123" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });

  it("refuses every injected URI that resolves to an internal address, and Kurento never reaches it", async () => {
    const hostile = [
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      `http://127.0.0.1:${listenerPort}/video.mp4`,
      `http://localhost:${listenerPort}/video.mp4`,
      `http://[::1]:${listenerPort}/video.mp4`,
      `http://[::ffff:127.0.0.1]:${listenerPort}/video.mp4`,
      `http://2130706433:${listenerPort}/video.mp4`,
      `rtsp://user:pass@127.0.0.1:${listenerPort}/stream`,
      "http://10.0.0.5/video.mp4",
      "http://192.168.1.1/video.mp4",
      "http://100.64.0.1/video.mp4",
      "http://[fe80::1]/video.mp4",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://0.0.0.0:80/",
    ];
    for (const uri of hostile) {
      const ack = await request(host, "video:add", { uri, title: "x" });
      expect(ack, uri).toMatchObject({ error: { code: "INVALID_ARGUMENT" } });
      expect(JSON.stringify(ack)).not.toContain("pass");
    }
    expect(kms.graph.ofType("PlayerEndpoint")).toHaveLength(0);

    // The control: an operator allow-listed 127.0.0.2, and a played video there is fetched.
    const allowed = await request(host, "video:add", { uri: `http://127.0.0.2:${listenerPort}/allowed.mp4`, title: "allowed" });
    if (!("ok" in allowed)) throw new Error(`allow-listed video refused: ${JSON.stringify(allowed)}`);
    expect(await request(host, "video:play", { videoId: allowed.video.id })).toMatchObject({ ok: true });
    await waitFor(() => reached.length === 1, 10_000, 20, "the allow-listed fetch");
    expect(reached).toEqual(["::ffff:127.0.0.2"]);
    expect(await request(host, "video:remove", { videoId: allowed.video.id })).toMatchObject({ ok: true });
  });

  it("keeps credentials of a URI away from every client and the database, but gives them to Kurento", async () => {
    const viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(viewer);
    viewer.onAny((event: string, ...args: unknown[]) => received.push(JSON.stringify([event, ...args])));
    const ack = await request(host, "video:add", { uri: "rtsp://operator:s3cr3t-pw@cam.example.test:8554/stage", title: "Stage cam" });
    if (!("ok" in ack)) throw new Error(`video refused: ${JSON.stringify(ack)}`);
    expect(ack.video.uri).toBe("rtsp://cam.example.test:8554/stage");
    received.push(JSON.stringify(ack));
    received.push(JSON.stringify(await request(host, "video:list", {})));
    received.push(JSON.stringify(await request(viewer, "session:hello", {})));
    received.push(JSON.stringify(await request(host, "video:play", { videoId: ack.video.id })));
    await waitFor(() => received.some((r) => r.includes('"video:state"') && r.includes('"playing"')), 5_000, 20, "video:state broadcast");
    expect(received.join("\n")).not.toContain("s3cr3t");
    expect(received.join("\n")).not.toContain("operator");
    const rows = await s.db.injectedVideo.findMany({ where: { eventId: s.eventId } });
    expect(rows.some((r) => r.uri.includes("s3cr3t"))).toBe(false);
    const player = kms.graph.ofType("PlayerEndpoint").find((p) => String(p.params.uri).includes("cam.example.test"));
    expect(player?.params.uri).toBe("rtsp://operator:s3cr3t-pw@cam.example.test:8554/stage");
    expect(await request(host, "video:remove", { videoId: ack.video.id })).toMatchObject({ ok: true });
  });

  it("refuses the fifth injected video", async () => {
    for (let i = 1; i <= 4; i++) expect(await request(host, "video:add", { uri: `https://cam.example.test/${i}.mp4`, title: `Clip ${i}` })).toMatchObject({ ok: true });
    const fifth = await request(host, "video:add", { uri: "https://cam.example.test/5.mp4", title: "Clip 5" });
    expect(fifth).toMatchObject({ error: { code: "CONFLICT", message: expect.stringContaining("at most 4") } });
    expect(kms.graph.ofType("PlayerEndpoint")).toHaveLength(4);
  });
});
