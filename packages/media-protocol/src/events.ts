/**
 * Typed socket.io event maps of the media service
 * (https://socket.io/docs/v4/typescript/). Use as
 * `Server<ClientToServerEvents, ServerToClientEvents>` on the server and
 * `Socket<ServerToClientEvents, ClientToServerEvents>` in the browser.
 *
 * Connection: `io(MEDIA_URL, { auth: { token } })` where `token` is the
 * access token issued by the web app (JWT, @limelight/access-token). A bad or
 * expired token fails the connection: `connect_error` with
 * `err.data = { code: "UNAUTHENTICATED" | "TOKEN_EXPIRED" | "FORBIDDEN", message }`.
 *
 * Every request takes one payload and an ack callback. The ack is
 * `{ ok: true, ...result }` or `{ error: { code, message } }` (codes from
 * AppError in @limelight/domain: VALIDATION_FAILED, FORBIDDEN, HOSTS_FULL,
 * EVENT_NOT_LIVE, RATE_LIMITED, MEDIA_SERVER_UNAVAILABLE, SESSION_TAKEN_OVER, ...).
 *
 * Signaling flow:
 *  - host: `session:hello` → `host:publish {sdpOffer}` → ack `{sdpAnswer, slot}`;
 *    then `ice:candidate` both ways. The first host to publish (or an admin
 *    via `show:open`) opens the show. `host:leave` / `show:end`.
 *  - viewer: `session:hello` → `viewer:watch {sdpOffer}` (recvonly) → ack `{sdpAnswer}`;
 *    `ice:candidate` both ways. Fails with EVENT_NOT_LIVE before the show opens.
 *  - on `renegotiate` the client creates a fresh RTCPeerConnection and sends
 *    `host:publish` / `viewer:watch` again.
 */
import type { z } from "zod";
import type {
  ChatMessageView,
  IceCandidate,
  IceServer,
  InjectedVideoView,
  MediaStatus,
  ShowRoleName,
  ShowEncoderEvent,
  ShowState,
  TipView,
  chatBanRequest,
  chatDeleteRequest,
  chatSendRequest,
  hostPublishRequest,
  iceCandidateRequest,
  videoAddRequest,
  videoIdRequest,
  viewerWatchRequest,
} from "./payloads";

/** Error codes an ack may carry (a subset of @limelight/domain ErrorCode; kept as string for forward compatibility). */
export type AckErrorCode = string;

/** A failed request. */
export interface AckError {
  error: { code: AckErrorCode; message: string; details?: unknown };
}

/** Ack of every request: success with a result, or an error. */
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

/** An ack callback. */
export type AckFn<T extends object = object> = (ack: Ack<T>) => void;

/** Result of `session:hello`. */
export interface HelloResult {
  userId: string;
  name: string;
  role: ShowRoleName;
  eventId: string;
  /** STUN/TURN servers for RTCPeerConnection({ iceServers }). */
  iceServers: IceServer[];
  show: ShowState;
}

/** Events the browser emits (each with an ack). */
export interface ClientToServerEvents {
  /** Who am I, ICE servers, current show state. Any role. */
  "session:hello": (payload: Record<string, never>, ack: AckFn<HelloResult>) => void;
  /** Host (or admin) sends its camera: opens the show if needed, takes (or rejoins) a slot. Errors: FORBIDDEN, HOSTS_FULL, OUTSIDE_SHOW_WINDOW (a host outside the event's go-live window), MEDIA_SERVER_UNAVAILABLE. */
  "host:publish": (payload: z.input<typeof hostPublishRequest>, ack: AckFn<{ sdpAnswer: string; slot: number }>) => void;
  /** Host leaves the show (slot freed; HubPort released after a delay). */
  "host:leave": (payload: Record<string, never>, ack: AckFn) => void;
  /** Admin (any time) or host (within the go-live window, else OUTSIDE_SHOW_WINDOW) opens the show without publishing a camera. */
  "show:open": (payload: Record<string, never>, ack: AckFn<{ show: ShowState }>) => void;
  /** Host or admin ends the show for everyone; event → ended. */
  "show:end": (payload: Record<string, never>, ack: AckFn) => void;
  /** Current show state. */
  "show:state": (payload: Record<string, never>, ack: AckFn<{ show: ShowState }>) => void;
  /** Viewer (valid ticket) asks for the program. Errors: EVENT_NOT_LIVE, FORBIDDEN, SESSION_TAKEN_OVER. */
  "viewer:watch": (payload: z.input<typeof viewerWatchRequest>, ack: AckFn<{ sdpAnswer: string }>) => void;
  /** A local ICE candidate for this socket's endpoint (after host:publish / viewer:watch). */
  "ice:candidate": (payload: z.input<typeof iceCandidateRequest>, ack: AckFn) => void;
  /** Host/admin adds an injected video (stopped until `video:play`). */
  "video:add": (payload: z.input<typeof videoAddRequest>, ack: AckFn<{ video: InjectedVideoView }>) => void;
  /** Host/admin starts a video. */
  "video:play": (payload: z.input<typeof videoIdRequest>, ack: AckFn<{ video: InjectedVideoView }>) => void;
  /** Host/admin stops a video. */
  "video:stop": (payload: z.input<typeof videoIdRequest>, ack: AckFn<{ video: InjectedVideoView }>) => void;
  /** Host/admin removes a video (PlayerEndpoint and HubPort released). */
  "video:remove": (payload: z.input<typeof videoIdRequest>, ack: AckFn<{ video: InjectedVideoView }>) => void;
  /** Host/admin lists the show's videos. */
  "video:list": (payload: Record<string, never>, ack: AckFn<{ videos: InjectedVideoView[] }>) => void;
  /** Send a chat message. Errors: RATE_LIMITED, FORBIDDEN (banned). */
  "chat:send": (payload: z.input<typeof chatSendRequest>, ack: AckFn<{ message: ChatMessageView }>) => void;
  /** Host/admin deletes a message. */
  "chat:delete": (payload: z.input<typeof chatDeleteRequest>, ack: AckFn) => void;
  /** Host/admin bans a user from this show's chat. */
  "chat:ban": (payload: z.input<typeof chatBanRequest>, ack: AckFn) => void;
  /** Last 50 messages, oldest first. */
  "chat:history": (payload: Record<string, never>, ack: AckFn<{ messages: ChatMessageView[]; tips: TipView[] }>) => void;
}

/** Events the media service emits to browsers. */
export interface ServerToClientEvents {
  /** A KMS ICE candidate for this socket's WebRtcEndpoint. */
  "ice:candidate": (payload: { candidate: IceCandidate }) => void;
  /** The show changed (hosts, viewer count, videos, media status). Sent to the show room. */
  "show:state": (payload: ShowState) => void;
  /** Media server reachability (hosts should show it). */
  "media:status": (payload: MediaStatus) => void;
  /**
   * The show lost its media server (hung, restarted or unreachable) and is being rebuilt: keep the page,
   * wait for `renegotiate` (then send a new offer). Sent to the show room.
   */
  "show:recovering": (payload: { eventId: string; reason: string }) => void;
  /** The media graph was rebuilt: create a new peer connection and send a new offer. */
  renegotiate: (payload: { reason: string }) => void;
  /**
   * This socket's access ended (token expired: TOKEN_EXPIRED; ticket refunded or revoked: PAYMENT_REQUIRED;
   * no longer a ticket holder or host: FORBIDDEN); it is disconnected right after.
   */
  "access:revoked": (payload: { code: "TOKEN_EXPIRED" | "PAYMENT_REQUIRED" | "FORBIDDEN"; message: string }) => void;
  /** Another device took this ticket; this socket is disconnected right after. */
  "session:taken-over": (payload: { message: string }) => void;
  /**
   * The encoder (OBS) of a live encoder show: `gone` since `goneAt` (ISO 8601), the show ends by itself at
   * `endsAt` (ISO 8601) unless it publishes again; sent to the show's hosts once it has been gone
   * ENCODER_GONE_WARN_MS, again every poll while it lasts; `publishing` once when it is back.
   */
  "show:encoder": (payload: ShowEncoderEvent) => void;
  /** The show ended. */
  "show:ended": (payload: { eventId: string; reason: string }) => void;
  /** A new chat message. */
  "chat:message": (payload: ChatMessageView) => void;
  /** A message was deleted by a moderator. */
  "chat:deleted": (payload: { messageId: string }) => void;
  /** A user was banned from chat. */
  "chat:banned": (payload: { userId: string }) => void;
  /** A confirmed tip. */
  tip: (payload: TipView) => void;
  /** An injected video changed state (EndOfStream → "ended"). */
  "video:state": (payload: InjectedVideoView) => void;
}

/** Request event names. */
export type RequestName = keyof ClientToServerEvents;
