/**
 * The socket.io contract on the media service's side, through a real
 * socket.io client: every request the server handles has a schema in
 * @limelight/contracts (and nothing else is handled); every request with a
 * malformed payload is acked `{error: {code: "INVALID_ARGUMENT", message,
 * path}}` naming the zod path, and the ack itself matches the contract;
 * every event the server emits is one the contract declares; the internal
 * stats endpoints (asked by apps/web's routing) answer their contract.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ackErrorSchema, mediaAllStatsSchema, mediaShowStatsSchema, REQUEST_SCHEMAS, SERVER_EVENT_SCHEMAS, type RequestName } from "@limelight/contracts";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type MediaApp } from "../src/app";
import { type MediaSocket } from "../src/socket/rooms";
import { client, type ClientSocket, INTERNAL_SECRET, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

/** One malformed payload per request and the zod path its ack must name (`[]`: the payload itself). */
const MALFORMED: Record<RequestName, { payload: unknown; path: (string | number)[] }> = {
  "session:hello": { payload: { role: "admin" }, path: [] },
  "host:publish": { payload: { sdpOffer: 42 }, path: ["sdpOffer"] },
  "host:leave": { payload: { slot: 2 }, path: [] },
  "show:open": { payload: "open", path: [] },
  "show:end": { payload: { reason: "x" }, path: [] },
  "show:state": { payload: [1], path: [] },
  "viewer:watch": { payload: { sdpOffer: "not an sdp at all" }, path: ["sdpOffer"] },
  "ice:candidate": { payload: { candidate: { candidate: "candidate:1", sdpMLineIndex: -1 } }, path: ["candidate", "sdpMLineIndex"] },
  "video:add": { payload: { uri: "https://cam.example.test/a.mp4", title: "   " }, path: ["title"] },
  "video:play": { payload: { videoId: "" }, path: ["videoId"] },
  "video:stop": { payload: { videoId: 7 }, path: ["videoId"] },
  "video:remove": { payload: {}, path: ["videoId"] },
  "video:list": { payload: { all: true }, path: [] },
  "chat:send": { payload: { body: "x".repeat(501) }, path: ["body"] },
  "chat:delete": { payload: { messageId: null }, path: ["messageId"] },
  "chat:ban": { payload: { userId: "u".repeat(65) }, path: ["userId"] },
  "chat:history": { payload: { since: 0 }, path: [] },
};

/** Listener names socket.io itself emits on a server-side socket (not requests). */
const RESERVED = new Set(["disconnect", "disconnecting", "error"]);

type Raw = { emit(event: string, ...args: unknown[]): void };
const rawRequest = (socket: ClientSocket, event: string, payload: unknown): Promise<unknown> =>
  new Promise((resolve) => (socket as unknown as Raw).emit(event, payload, resolve));

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("socket.io contract of the media service", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  let admin: ClientSocket;
  let serverSocket: MediaSocket | undefined;

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(1);
    app = await startMedia(testEnv(s.dbUrl, [kms.url]));
    // Registered after the app's own connection handler: by the time it runs, every request handler is on the socket.
    app.io.on("connection", (socket) => (serverSocket = socket));
    admin = await client(app.url, await token(s.eventId, s.admin, "admin"));
  });

  afterAll(async () => {
    admin?.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("handles exactly the requests the contract declares", () => {
    expect(serverSocket).toBeDefined();
    const handled = (serverSocket as MediaSocket).eventNames().filter((name): name is string => typeof name === "string" && !RESERVED.has(name));
    expect(handled.sort()).toEqual(Object.keys(REQUEST_SCHEMAS).sort());
  });

  it("has a malformed case for every request of the contract", () => {
    expect(Object.keys(MALFORMED).sort()).toEqual(Object.keys(REQUEST_SCHEMAS).sort());
  });

  it.each(Object.entries(MALFORMED))("acks a malformed %s with INVALID_ARGUMENT and the zod path", async (event, { payload, path }) => {
    const ack = await rawRequest(admin, event, payload);
    expect(ack).toMatchObject({ error: { code: "INVALID_ARGUMENT", path } });
    expect(ack).not.toHaveProperty("ok");
    // The ack is what the browser's contract expects of an error.
    expect(ackErrorSchema.safeParse(ack).success).toBe(true);
    expect((ack as { error: { message: string } }).error.message).toContain(event);
  });

  it("still serves the socket after every malformed request", async () => {
    const ack = await rawRequest(admin, "show:state", {});
    expect(ack).toMatchObject({ ok: true, show: { eventId: s.eventId } });
  });

  it("emits only events the contract declares", () => {
    const emitted = new Set<string>();
    // src/kurento emits on kurento-client's own objects (JSON-RPC to KMS), not on socket.io.
    for (const file of sources(join(import.meta.dirname, "..", "src")).filter((f) => !f.includes(`${join("src", "kurento")}`))) {
      for (const match of readFileSync(file, "utf8").matchAll(/\.emit\(\s*"([^"]+)"/g)) emitted.add(match[1] as string);
    }
    expect(emitted.size).toBeGreaterThan(5);
    const declared = Object.keys(SERVER_EVENT_SCHEMAS);
    expect([...emitted].filter((name) => !declared.includes(name))).toEqual([]);
  });

  it("answers the internal stats endpoints in their contract's shape", async () => {
    const headers = { "x-internal-secret": INTERNAL_SECRET };
    const one = await fetch(`${app.url}/internal/shows/${s.eventId}/stats`, { headers });
    expect(one.status).toBe(200);
    expect(mediaShowStatsSchema.parse(await one.json())).toMatchObject({ eventId: s.eventId });
    const all = await fetch(`${app.url}/internal/stats`, { headers });
    expect(all.status).toBe(200);
    expect(mediaAllStatsSchema.safeParse(await all.json()).success).toBe(true);
  });
});
