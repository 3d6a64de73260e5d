/**
 * The browser's socket.io connection to the media service, typed by
 * `@limelight/contracts` (https://socket.io/docs/v4/typescript/).
 *
 * - Authentication: the handshake carries `auth: {token}` with an access
 *   token from the web app. `auth` is a function, so every (re)connection asks
 *   `getToken()` again: a token close to expiry is replaced before reconnecting.
 * - Reconnection: socket.io's own (exponential backoff, unlimited attempts).
 * - Requests: `request(socket, name, payload)` emits with an ack and a timeout,
 *   parses the ack with its contract (ackSchemaFor) and resolves to the
 *   `{ok:true,...}` result or throws MediaRequestError with the server's
 *   `{error:{code,message}}`.
 * - Server events: `onServerEvent(socket, name, listener)` parses each payload
 *   with its contract (SERVER_EVENT_SCHEMAS); a malformed one is logged and
 *   ignored, never handed to the page.
 */
import { io, type Socket } from "socket.io-client";
import {
  ackSchemaFor,
  SERVER_EVENT_SCHEMAS,
  type AckResult,
  type ClientToServerEvents,
  type RequestName,
  type ServerEventName,
  type ServerEventPayload,
  type ServerToClientEvents,
} from "@limelight/contracts";

/** A typed socket.io client socket to the media service. */
export type MediaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Default ack timeout of a request (ms); an SDP exchange with KMS takes well under this. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** A request the media service refused (`code` from its ack, e.g. HOSTS_FULL) or that timed out (`TIMEOUT`). */
export class MediaRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "MediaRequestError";
  }
}

/**
 * Opens the socket to `mediaUrl` (the media service's public base URL).
 * `getToken` resolves an access token for each handshake; when it rejects, the
 * handshake is sent without a token and the server's `connect_error` tells why.
 * `eventId` goes into the handshake query (`?eventId=`) so a balancer in front
 * of several media nodes sends every socket of one show to the node holding
 * its media graph (infra/nginx/render-media-lb.ts).
 */
export function connectMedia(mediaUrl: string, getToken: () => Promise<string>, eventId: string): MediaSocket {
  return io(mediaUrl, {
    query: { eventId },
    transports: ["websocket", "polling"],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    auth: (callback) => {
      getToken().then(
        (token) => callback({ token }),
        () => callback({}),
      );
    },
  });
}

type PayloadOf<E extends RequestName> = Parameters<ClientToServerEvents[E]>[0];
/** The success branch of an ack, without `ok`. */
export type ResultOf<E extends RequestName> = AckResult<E>;

/**
 * Emits request `name` with `payload` and waits for its ack (at most
 * `timeoutMs`). Resolves to the ack's result, parsed with its contract;
 * throws MediaRequestError with the server's code, or code "TIMEOUT" /
 * "DISCONNECTED", or "INTERNAL" for an ack that does not match the contract.
 */
export async function request<E extends RequestName>(
  socket: MediaSocket,
  name: E,
  payload: PayloadOf<E>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<ResultOf<E>> {
  if (!socket.connected) throw new MediaRequestError("DISCONNECTED", "Not connected to the media service");
  let raw: unknown;
  try {
    // emitWithAck on a timeout() socket rejects when no ack came in time.
    const timed = socket.timeout(timeoutMs);
    const emitWithAck = timed.emitWithAck as (event: E, payload: PayloadOf<E>) => Promise<unknown>;
    raw = await emitWithAck.call(timed, name, payload);
  } catch {
    throw new MediaRequestError("TIMEOUT", `The media service did not answer ${name} in time`);
  }
  const ack = ackSchemaFor(name).safeParse(raw);
  if (!ack.success) {
    console.warn(`media service: malformed ${name} ack ignored`, ack.error.issues);
    throw new MediaRequestError("INTERNAL", `The media service sent a malformed answer to ${name}`);
  }
  if ("error" in ack.data) throw new MediaRequestError(ack.data.error.code, ack.data.error.message);
  const { ok: _ok, ...result } = ack.data;
  return result as unknown as ResultOf<E>;
}

/**
 * Listens to server event `name` (see SERVER_EVENT_SCHEMAS of
 * @limelight/contracts): each payload is parsed with its contract before
 * `listener` sees it; a malformed payload is logged (console.warn, with the
 * zod issues) and ignored. Returns the function that stops listening.
 */
export function onServerEvent<E extends ServerEventName>(socket: MediaSocket, name: E, listener: (payload: ServerEventPayload<E>) => void): () => void {
  const schema = SERVER_EVENT_SCHEMAS[name];
  const parseThenCall = (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      console.warn(`media service: malformed ${name} event ignored`, parsed.error.issues);
      return;
    }
    listener(parsed.data as ServerEventPayload<E>);
  };
  const loose = socket as unknown as { on(event: string, fn: (raw: unknown) => void): void; off(event: string, fn: (raw: unknown) => void): void };
  loose.on(name, parseThenCall);
  return () => loose.off(name, parseThenCall);
}

/** The error code and message of a failed request, for the UI. */
export function describeRequestError(error: unknown): { code: string; message: string } {
  if (error instanceof MediaRequestError) return { code: error.code, message: error.message };
  return { code: "INTERNAL", message: error instanceof Error ? error.message : String(error) };
}

/**
 * Seconds until a JWT access token expires, read from its `exp` claim without
 * verifying it (the server verifies). Returns 0 for an unreadable token.
 */
export function secondsUntilExpiry(token: string, nowMs = Date.now()): number {
  const payload = token.split(".")[1];
  if (!payload) return 0;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof json.exp === "number" ? Math.max(0, json.exp - nowMs / 1000) : 0;
  } catch {
    return 0;
  }
}
