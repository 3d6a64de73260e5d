/**
 * Typed socket.io event maps of the media service
 * (https://socket.io/docs/v4/typescript/), inferred from the zod schemas of
 * requests.ts, acks.ts and server-events.ts. Use as
 * `Server<ClientToServerEvents, ServerToClientEvents>` on the server and
 * `Socket<ServerToClientEvents, ClientToServerEvents>` in the browser.
 *
 * Connection: `io(MEDIA_URL, { auth: { token } })` where `token` is the
 * access token issued by the web app (JWT, @limelight/access-token). A bad or
 * expired token fails the connection: `connect_error` with
 * `err.data = { code: "UNAUTHENTICATED" | "TOKEN_EXPIRED" | "FORBIDDEN", message }`.
 *
 * Every request takes one payload and an ack callback. The ack is
 * `{ ok: true, ...result }` or `{ error: { code, message, path?, details? } }`
 * (codes from AppError in @limelight/domain: INVALID_ARGUMENT, FORBIDDEN,
 * HOSTS_FULL, EVENT_NOT_LIVE, RATE_LIMITED, MEDIA_SERVER_UNAVAILABLE, SESSION_TAKEN_OVER, ...).
 *
 * Signaling flow:
 *  - host: `session:hello` → `host:publish {sdpOffer}` → ack `{sdpAnswer, slot}`;
 *    then `ice:candidate` both ways. The first host to publish (or an admin
 *    via `show:open`) opens the show. `host:leave` / `show:end`.
 *  - viewer: `session:hello` → `viewer:watch {sdpOffer}` (recvonly) → ack `{sdpAnswer}`;
 *    `ice:candidate` both ways. Fails with EVENT_NOT_LIVE before the show opens.
 *  - on `renegotiate` the client creates a fresh RTCPeerConnection and sends
 *    `host:publish` / `viewer:watch` again.
 *
 * Requests (see REQUEST_SCHEMAS for payloads, ACK_RESULT_SCHEMAS for results):
 * `session:hello` (any role), `host:publish` (FORBIDDEN, HOSTS_FULL, OUTSIDE_SHOW_WINDOW,
 * MEDIA_SERVER_UNAVAILABLE), `host:leave`, `show:open` (admin any time, host within the
 * go-live window), `show:end`, `show:state`, `viewer:watch` (EVENT_NOT_LIVE, FORBIDDEN,
 * SESSION_TAKEN_OVER), `ice:candidate`, `video:add|play|stop|remove|list` (host/admin),
 * `chat:send` (RATE_LIMITED, FORBIDDEN when banned), `chat:delete`, `chat:ban` (host/admin),
 * `chat:history`.
 */
import { type z } from "zod";
import { type AckFn, type AckResult } from "./acks";
import { type REQUEST_SCHEMAS, type RequestName } from "./requests";
import { type ServerEventName, type ServerEventPayload } from "./server-events";

export type { Ack, AckError, AckFn, AckResult, HelloResult } from "./acks";

/** Events the browser emits, each with one payload (as sent, before parsing) and an ack. */
export type ClientToServerEvents = {
  [E in RequestName]: (payload: z.input<(typeof REQUEST_SCHEMAS)[E]>, ack: AckFn<AckResult<E>>) => void;
};

/** Events the media service emits to browsers, each with one payload. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerEventPayload<E>) => void;
};
