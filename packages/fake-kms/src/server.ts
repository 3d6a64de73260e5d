/**
 * WebSocket JSON-RPC 2.0 server speaking the Kurento Protocol, for tests and
 * the demo: point the real kurento-client at `url`.
 * Protocol: https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
 * Sessions: the first request of a client gets a new `sessionId` in its
 * result; later requests carry it. After a socket drop the client sends
 * `connect {sessionId}`: a known session is rebound to the new socket (events
 * follow it) and the answer is `{sessionId, serverId}`; an unknown one (after
 * `restart()`) gets 40007 INVALID_SESSION "Invalid session". `connect` without
 * a sessionId keeps the session the socket already has (as KMS 7 does).
 * `serverId` identifies this server instance and changes on `restart()`.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect as tcpConnect, type AddressInfo } from "node:net";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { KmsError, type KmsErrorObject } from "./errors";
import { MediaGraph } from "./graph";
import type { BehaviourOptions } from "./operations";
import { KurentoProtocol } from "./protocol";
import { KurentoSchema } from "./schema";

/** Options of `startFakeKms`. Every field is optional. */
export interface FakeKmsOptions {
  /** TCP port to listen on; 0 or absent = a free port chosen by the OS. */
  port?: number;
  /** Interface to listen on (default "127.0.0.1"). */
  host?: string;
  /** Address of the ICE host candidates sent in IceCandidateFound (default "127.0.0.1"). */
  candidateAddress?: string;
  /** Address in RtpEndpoint SDP `c=` lines (default "127.0.0.1"). */
  rtpAddress?: string;
  /** Delay in ms between `gatherCandidates` and the first IceCandidateFound (default 5). */
  gatherDelayMs?: number;
  /** PlayerEndpoint media duration in ms: EndOfStream that long after `play` (default: never). */
  playerDurationMs?: number;
  /** Emit ConnectionStateChanged/MediaStateChanged/MediaFlowInStateChanged once an endpoint is negotiated (default true). */
  simulateMediaFlow?: boolean;
  /**
   * Garbage-collect a session this many ms after its socket closed without a
   * reconnection: its MediaPipelines are released and the session is
   * forgotten (real KMS: about 4 minutes). Default: never.
   */
  sessionGcMs?: number;
  /**
   * Fetch like a real KMS: on PlayerEndpoint `play`, open a TCP connection to the URI's host and port
   * (http 80, https 443, rtsp 554 by default) and close it, so tests can observe which addresses Kurento
   * would reach. Default false (no network).
   */
  fetchPlayerUris?: boolean;
  /** Initial faults (see FakeKmsFaults); change them later through `kms.faults`. */
  faults?: FakeKmsFaults;
}

/**
 * Faults a real KMS (or what sits between it and us) shows, settable at any time through `kms.faults`.
 * Every field is optional; absent means healthy.
 */
export interface FakeKmsFaults {
  /** A hung process: the listener and sockets stay open (new ones are accepted) but nothing is answered and no event is sent. */
  hung?: boolean;
  /** `invoke addTag` fails with 40008 "Method 'addTag' with 2 parameters not found" (old builds, filtering proxies). */
  refuseAddTag?: boolean;
  /** Modules this KMS lacks (e.g. ["filters"]): left out of `getInfo().modules`; `create` of their types fails with 40108. */
  withoutModules?: string[];
  /** Fraction (0..1) of replies silently lost (requests are still carried out). Pings are never dropped when 0. */
  dropReplyRate?: number;
  /** Random source for dropReplyRate (tests may make it deterministic); default Math.random. */
  random?: () => number;
}

/** Options of `restart`. */
export interface RestartOptions {
  /** Keep the port closed this many ms before accepting connections again (default 0). */
  downMs?: number;
}

/** A running fake Kurento Media Server. */
export interface FakeKms {
  /** `ws://127.0.0.1:<port>/kurento` */
  url: string;
  port: number;
  /** The media graph: objects, connections, subscriptions, counters; `emit` raises events. */
  graph: MediaGraph;
  /** Ids of the sessions the server knows. */
  sessions(): string[];
  /** Number of open client WebSockets. */
  clientCount(): number;
  /** Close every client socket but keep sessions and objects (a network blip: clients reconnect with the same session). */
  dropConnections(): void;
  /** Simulate a KMS restart: drop sockets, forget every session, object and subscription (later: 40007, then 40101). */
  restart(opts?: RestartOptions): Promise<void>;
  /** Close everything; the port is released when the promise resolves. */
  stop(): Promise<void>;
  /** Current faults; assign fields to inject or clear them (e.g. `kms.faults.hung = true`). */
  faults: FakeKmsFaults;
  /** Replies dropped so far because of `dropReplyRate`. */
  droppedReplies(): number;
}

interface Session {
  id: string;
  socket: WebSocket | null;
  gcTimer?: NodeJS.Timeout;
}

interface JsonRpcRequest {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443, "rtsp:": 554 };

/** Opens (and closes) a TCP connection to a PlayerEndpoint's network URI, as KMS's source element would. */
function fetchPlayerUri(uri: unknown): void {
  if (typeof uri !== "string") return;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return;
  }
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol];
  if (!port) return;
  const socket = tcpConnect({ host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port });
  socket.on("connect", () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.setTimeout(2_000, () => socket.destroy());
}

/**
 * Start a fake KMS.
 * @returns once it listens. Throws if the port cannot be bound.
 */
export async function startFakeKms(opts: FakeKmsOptions = {}): Promise<FakeKms> {
  const host = opts.host ?? "127.0.0.1";
  const schema = new KurentoSchema();
  const graph = new MediaGraph(schema);
  const sessions = new Map<string, Session>();
  const sockets = new Set<WebSocket>();
  /** Sent in `connect` answers; a new one after each restart. */
  let serverId = randomUUID();
  const behaviour: BehaviourOptions = {
    candidateAddress: opts.candidateAddress ?? "127.0.0.1",
    rtpAddress: opts.rtpAddress ?? "127.0.0.1",
    gatherDelayMs: opts.gatherDelayMs ?? 5,
    playerDurationMs: opts.playerDurationMs,
    simulateMediaFlow: opts.simulateMediaFlow ?? true,
  };
  const protocol = new KurentoProtocol(graph, schema, behaviour, () => [...sessions.keys()]);
  const faults: FakeKmsFaults = { ...opts.faults };
  let dropped = 0;
  const missingTypes = (): Set<string> =>
    new Set(
      schema
        .modules()
        .filter((m) => faults.withoutModules?.includes(m.name))
        .flatMap((m) => m.factories),
    );

  graph.sink = (sessionId, message) => {
    if (faults.hung) return false;
    const socket = sessions.get(sessionId)?.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  };

  const socketSession = new WeakMap<WebSocket, string>();
  const bind = (socket: WebSocket, id: string): Session => {
    let session = sessions.get(id);
    if (!session) {
      session = { id, socket };
      sessions.set(id, session);
    }
    session.socket = socket;
    if (session.gcTimer) clearTimeout(session.gcTimer);
    session.gcTimer = undefined;
    socketSession.set(socket, id);
    return session;
  };

  const collect = (session: Session): void => {
    if (sessions.get(session.id) !== session || session.socket) return;
    for (const pipeline of graph.pipelines().filter((p) => p.sessionId === session.id)) {
      try {
        protocol.handle("release", { object: pipeline.id }, session.id);
      } catch {
        // already released
      }
    }
    sessions.delete(session.id);
  };
  const forgetSessions = (): void => {
    for (const session of sessions.values()) if (session.gcTimer) clearTimeout(session.gcTimer);
    sessions.clear();
  };

  const reply = (socket: WebSocket, id: unknown, body: { result: unknown } | { error: KmsErrorObject }): void => {
    if (id === undefined || socket.readyState !== WebSocket.OPEN) return;
    if (faults.dropReplyRate && (faults.random ?? Math.random)() < faults.dropReplyRate) {
      dropped += 1;
      return;
    }
    socket.send(JSON.stringify({ jsonrpc: "2.0", id, ...body }));
  };

  const onMessage = (socket: WebSocket, data: RawData): void => {
    if (faults.hung) return;
    let msg: JsonRpcRequest;
    try {
      msg = JSON.parse(data.toString()) as JsonRpcRequest;
    } catch {
      reply(socket, null, { error: new KmsError("PARSE_ERROR", "Parse error").toJSON() });
      return;
    }
    if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
      reply(socket, null, { error: new KmsError("INVALID_REQUEST", "Invalid request").toJSON() });
      return;
    }
    if (msg.method === undefined) return; // a response to something we never send
    if (msg.jsonrpc !== "2.0" || typeof msg.method !== "string") {
      reply(socket, msg.id ?? null, { error: new KmsError("INVALID_REQUEST", "Invalid request").toJSON() });
      return;
    }
    const method = msg.method;
    const params = (msg.params ?? {}) as Record<string, unknown>;
    const p = typeof params === "object" && params !== null ? params : {};
    graph.countRequest(
      method,
      method === "invoke" && typeof p.operation === "string" ? p.operation : undefined,
      typeof p.object === "string" ? p.object : undefined,
    );
    try {
      if (method === "ping") {
        reply(socket, msg.id, { result: { value: "pong" } });
        return;
      }
      const claimed = typeof p.sessionId === "string" ? p.sessionId : undefined;
      if (method === "connect") {
        if (claimed !== undefined && !sessions.has(claimed)) {
          throw new KmsError("INVALID_SESSION", "Invalid session");
        }
        const session = bind(socket, claimed ?? socketSession.get(socket) ?? randomUUID());
        reply(socket, msg.id, { result: { serverId, sessionId: session.id } });
        return;
      }
      const session = bind(socket, claimed ?? socketSession.get(socket) ?? randomUUID());
      if (faults.refuseAddTag && method === "invoke" && p.operation === "addTag") {
        throw new KmsError("MALFORMED_TRANSACTION", "Method 'addTag' with 2 parameters not found");
      }
      if (method === "create" && typeof p.type === "string" && missingTypes().has(p.type.replace(/^kurento\./, ""))) {
        throw new KmsError("MEDIA_OBJECT_NOT_AVAILABLE", `Factory '${p.type}' not found`);
      }
      const result = protocol.handle(method, p, session.id);
      if (method === "invoke" && p.operation === "getInfo" && faults.withoutModules?.length) {
        const info = result.value as { modules?: Array<{ name: string }> } | undefined;
        if (info?.modules) info.modules = info.modules.filter((m) => !faults.withoutModules?.includes(m.name));
      }
      if (opts.fetchPlayerUris && method === "invoke" && p.operation === "play" && typeof p.object === "string") fetchPlayerUri(graph.get(p.object)?.params.uri);
      reply(socket, msg.id, { result: { ...result, sessionId: session.id } });
    } catch (err) {
      const e = err instanceof KmsError ? err : new KmsError("UNEXPECTED_ERROR", err instanceof Error ? err.message : String(err));
      reply(socket, msg.id, { error: e.toJSON() });
    }
  };

  const http: Server = createServer((_req, res) => {
    res.writeHead(426, { "content-type": "text/plain" });
    res.end("Kurento Protocol: connect with a WebSocket\n");
  });
  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("message", (data) => onMessage(socket, data));
    socket.on("close", () => {
      sockets.delete(socket);
      const sid = socketSession.get(socket);
      const session = sid ? sessions.get(sid) : undefined;
      if (session?.socket === socket) {
        session.socket = null;
        if (opts.sessionGcMs !== undefined) session.gcTimer = setTimeout(() => collect(session), opts.sessionGcMs);
      }
    });
    socket.on("error", () => socket.terminate());
  });

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      http.once("error", onError);
      http.listen(port, host, () => {
        http.off("error", onError);
        resolve((http.address() as AddressInfo).port);
      });
    });
  const closeListener = (): Promise<void> =>
    new Promise((resolve) => {
      if (!http.listening) return resolve();
      http.close(() => resolve());
      http.closeAllConnections();
    });
  const dropSockets = (): void => {
    for (const s of sockets) s.terminate();
    sockets.clear();
  };

  const port = await listen(opts.port ?? 0);
  let stopped = false;

  return {
    url: `ws://${host}:${port}/kurento`,
    port,
    graph,
    sessions: () => [...sessions.keys()],
    clientCount: () => sockets.size,
    faults,
    droppedReplies: () => dropped,
    dropConnections: dropSockets,
    async restart(r: RestartOptions = {}) {
      if (stopped) throw new Error("fake KMS is stopped");
      dropSockets();
      forgetSessions();
      protocol.operations.reset();
      graph.clear();
      serverId = randomUUID();
      if (r.downMs && r.downMs > 0) {
        await closeListener();
        await new Promise((res) => setTimeout(res, r.downMs));
        await listen(port);
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      dropSockets();
      forgetSessions();
      protocol.operations.reset();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeListener();
    },
  };
}
