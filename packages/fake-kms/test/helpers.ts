/**
 * Test helpers: the real kurento-client used with explicit callbacks (its
 * promise style swallows errors, see docs/kurento.md), a raw
 * JSON-RPC WebSocket client for protocol-level checks, and SDP fixtures.
 */
import kurento, { type Callback, type KurentoClient, type KurentoError, type MediaObject } from "kurento-client";
import { WebSocket } from "ws";

/** Connect the real kurento-client; resolves with the un-awaited client object (it holds the session). */
export function connectClient(url: string, failAfter = 3): Promise<KurentoClient> {
  return new Promise((resolve, reject) => {
    const client: KurentoClient = kurento(url, { failAfter }, (err) => (err ? reject(err) : resolve(client)));
  });
}

/** Call `method` on a MediaObject (or the client) with a callback; rejects with the server's error. */
export function call<T = unknown>(target: object, method: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fn = (target as Record<string, unknown>)[method];
    if (typeof fn !== "function") throw new Error(`no method ${method}`);
    const cb: Callback<T> = (err, result) => (err ? reject(err) : resolve(result as T));
    (fn as (...a: unknown[]) => void).apply(target, [...args, cb]);
  });
}

/** Create a MediaObject through the client or a pipeline/hub (`create(type, params, cb)`). */
export function create(parent: KurentoClient | MediaObject, type: string, params: Record<string, unknown> = {}): Promise<MediaObject> {
  return call<MediaObject>(parent, "create", type, params);
}

/** Resolve with the error a call fails with; reject if it succeeds. */
export async function failure(p: Promise<unknown>): Promise<KurentoError> {
  try {
    await p;
  } catch (err) {
    return err as KurentoError;
  }
  throw new Error("expected the call to fail");
}

/** Wait for the first `event` on an emitter-like object. */
export function once<T = unknown>(emitter: { once(e: string, l: (...a: unknown[]) => void): unknown }, event: string): Promise<T[]> {
  return new Promise((resolve) => emitter.once(event, (...args: unknown[]) => resolve(args as T[])));
}

/** A JSON-RPC 2.0 response. */
export interface RpcResponse {
  id: number;
  result?: { value?: unknown; sessionId?: string; [k: string]: unknown };
  error?: { code: number; message: string; data?: { type?: string } };
}

/** A raw JSON-RPC WebSocket client: `request(method, params)` resolves with the whole response. */
export async function rawClient(url: string): Promise<{
  request: (method: string, params?: Record<string, unknown>) => Promise<RpcResponse>;
  /** Send `text` as is; resolves with the next response that has `id: null`. */
  sendRaw: (text: string) => Promise<RpcResponse>;
  notifications: Array<{ method: string; params: unknown }>;
  close: () => void;
}> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let next = 1;
  const pending = new Map<number | null, (r: RpcResponse) => void>();
  const notifications: Array<{ method: string; params: unknown }> = [];
  ws.on("message", (data) => {
    const msg = JSON.parse(data.toString()) as RpcResponse & { method?: string; params?: unknown };
    if (msg.method) notifications.push({ method: msg.method, params: msg.params });
    else pending.get(msg.id)?.(msg);
  });
  return {
    request: (method, params = {}) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
      }),
    sendRaw: (text) =>
      new Promise((resolve) => {
        pending.set(null, resolve);
        ws.send(text);
      }),
    notifications,
    close: () => ws.close(),
  };
}
export { BROWSER_OFFER, VIEWER_OFFER } from "../src/browser-offers";

/** What ffmpeg receives on loopback: the RTP bridge's offer (kurento.md). */
export const FFMPEG_OFFER = [
  "v=0",
  "o=- 0 0 IN IP4 127.0.0.1",
  "s=ffmpeg",
  "c=IN IP4 127.0.0.1",
  "t=0 0",
  "m=audio 5006 RTP/AVP 96",
  "a=rtpmap:96 opus/48000/2",
  "a=recvonly",
  "m=video 5004 RTP/AVP 103",
  "a=rtpmap:103 VP8/90000",
  "a=recvonly",
  "",
].join("\r\n");

/** Media sections of an SDP: kind, port, formats and attributes. */
export function mediaSections(sdp: string): Array<{ kind: string; port: number; formats: string[]; attributes: string[] }> {
  return sdp
    .split(/\r?\n(?=m=)/)
    .slice(1)
    .map((block) => {
      const lines = block.split(/\r?\n/).filter(Boolean);
      const [kind = "", port = "0", , ...formats] = (lines[0] ?? "").slice(2).split(" ");
      return {
        kind,
        port: Number(port),
        formats,
        attributes: lines.filter((l) => l.startsWith("a=")).map((l) => l.slice(2)),
      };
    });
}

/** Poll `predicate` every 10 ms until it is true; rejects after `timeoutMs` (generous: a busy machine is slow, not wrong). */
export async function until(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
