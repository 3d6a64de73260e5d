/**
 * The browser's side of the socket.io contract, with the page's own socket
 * code (media-connection.ts) over a real socket.io connection: every server
 * event is parsed with its schema from @limelight/contracts before the page
 * sees it, a malformed one is logged and ignored (the page keeps going), and
 * acks are parsed too (a malformed ack is an error, never a half-read result).
 */
import { createServer, type Server as HttpServer } from "node:http";
import { Server, type Socket as ServerSocket } from "socket.io";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SERVER_EVENT_SCHEMAS, type InjectedVideoView, type ServerEventName, type ServerEventPayload, type ShowState } from "@limelight/contracts";
import { freePort, waitFor } from "@limelight/testkit";
import { connectMedia, MediaRequestError, onServerEvent, request, type MediaSocket } from "../../src/components/media/media-connection";

const EVENT_ID = "cmxcj3b5s0000sf7dfb1cz98z";
const show: ShowState = {
  eventId: EVENT_ID,
  live: true,
  hosts: [{ slot: 0, userId: "u1", name: "Ada", connected: true }],
  webrtcViewers: 3,
  hlsViewers: 0,
  injectedVideos: [],
  media: { status: "ok", message: "" },
  source: "studio",
};
const video: InjectedVideoView = { id: "v1", eventId: EVENT_ID, uri: "https://cam.example.test/a.mp4", title: "Intro", state: "playing", createdAt: "2026-12-07T03:00:00.000Z" };

/** A valid payload and a malformed one for every server event. */
const CASES: { [E in ServerEventName]: { valid: ServerEventPayload<E>; malformed: unknown } } = {
  "ice:candidate": { valid: { candidate: { candidate: "candidate:1 1 udp 2122260223 10.0.0.2 40000 typ host", sdpMid: "0", sdpMLineIndex: 0 } }, malformed: { candidate: "candidate:1" } },
  "show:state": { valid: show, malformed: { ...show, webrtcViewers: -1 } },
  "media:status": { valid: { status: "unavailable", message: "KMS unreachable" }, malformed: { status: "on fire", message: "" } },
  "show:recovering": { valid: { eventId: EVENT_ID, reason: "KMS restarted" }, malformed: { eventId: EVENT_ID } },
  renegotiate: { valid: { reason: "media graph rebuilt" }, malformed: null },
  "access:revoked": { valid: { code: "PAYMENT_REQUIRED", message: "Your ticket was refunded" }, malformed: { code: "NOPE", message: "x" } },
  "session:taken-over": { valid: { message: "Opened on another device" }, malformed: "taken" },
  "show:encoder": { valid: { eventId: EVENT_ID, status: "gone", goneAt: "2026-12-07T03:00:00.000Z", endsAt: "2026-12-07T03:05:00.000Z" }, malformed: { eventId: EVENT_ID, status: "gone" } },
  "show:ended": { valid: { eventId: EVENT_ID, reason: "Ended by Ada" }, malformed: { reason: 5 } },
  "chat:message": { valid: { id: "m1", eventId: EVENT_ID, userId: "u2", name: "Vic", role: "viewer", body: "hi", createdAt: "2026-12-07T03:00:00.000Z" }, malformed: { id: "m1", body: "<script>" } },
  "chat:deleted": { valid: { messageId: "m1" }, malformed: { messageId: ["m1"] } },
  "chat:banned": { valid: { userId: "u2" }, malformed: {} },
  tip: { valid: { id: "t1", eventId: EVENT_ID, name: "Vic", amountCents: 500, currency: "usd", message: null, confirmedAt: "2026-12-07T03:00:00.000Z" }, malformed: { id: "t1", amountCents: "500" } },
  "video:state": { valid: video, malformed: { ...video, state: "exploded" } },
};

let http: HttpServer;
let io: Server;
let url: string;
let server: ServerSocket | undefined;
let socket: MediaSocket;

beforeAll(async () => {
  const port = await freePort();
  http = createServer();
  io = new Server(http);
  io.on("connection", (s) => {
    server = s;
    // Acks as a faulty media service might send them.
    s.on("show:state", (_payload: unknown, ack: (a: unknown) => void) => ack({ ok: true, show: 5 }));
    s.on("chat:history", (_payload: unknown, ack: (a: unknown) => void) => ack({ ok: true, messages: [CASES["chat:message"].valid], tips: [] }));
    s.on("video:list", (_payload: unknown, ack: (a: unknown) => void) => ack({ error: { code: "FORBIDDEN", message: "Hosts only", path: [] } }));
    s.on("chat:send", (_payload: unknown, ack: (a: unknown) => void) => ack("ok"));
  });
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${port}`;
  socket = connectMedia(url, () => Promise.resolve("token"), EVENT_ID);
  await waitFor(() => socket.connected && server !== undefined, 30_000, 50, "socket.io connection");
});

afterAll(async () => {
  socket?.disconnect();
  await io?.close();
});

afterEach(() => vi.restoreAllMocks());

describe("server events in the browser", () => {
  it("covers every server event of the contract", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(SERVER_EVENT_SCHEMAS).sort());
  });

  it.each(Object.keys(CASES) as ServerEventName[])("%s: a malformed payload is logged and ignored, a valid one reaches the page", async (name) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const received: unknown[] = [];
    const stop = onServerEvent(socket, name, (payload) => received.push(payload));
    const { valid, malformed } = CASES[name];
    server!.emit(name, malformed);
    server!.emit(name, valid);
    await waitFor(() => received.length > 0, 30_000, 20, `${name} delivered`);
    // Events arrive in order: the malformed one came first and was dropped.
    expect(received).toEqual([valid]);
    expect(warn).toHaveBeenCalledWith(`media service: malformed ${name} event ignored`, expect.any(Array));
    stop();
    server!.emit(name, valid);
    // After stop() the page hears nothing more of it (the ack comes after the event on the same connection: it was delivered and ignored).
    await request(socket, "chat:history", {});
    expect(received).toEqual([valid]);
  });
});

describe("acks in the browser", () => {
  it("reads a valid result", async () => {
    const result = await request(socket, "chat:history", {});
    expect(result.messages).toEqual([CASES["chat:message"].valid]);
  });

  it("turns an error ack into MediaRequestError with the server's code", async () => {
    await expect(request(socket, "video:list", {})).rejects.toMatchObject({ name: "MediaRequestError", code: "FORBIDDEN", message: "Hosts only" });
  });

  it("refuses a malformed ack instead of handing half a result to the page", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await expect(request(socket, "show:state", {})).rejects.toBeInstanceOf(MediaRequestError);
    await expect(request(socket, "show:state", {})).rejects.toMatchObject({ code: "INTERNAL" });
    await expect(request(socket, "chat:send", { body: "hi" })).rejects.toMatchObject({ code: "INTERNAL" });
  });
});
