/**
 * zod schemas of every event the media service emits to browsers, by event
 * name. The browser parses each payload with its schema on receipt
 * (apps/web media-connection.ts `onServerEvent`): a malformed one is logged
 * and ignored.
 */
import { type z } from "zod";
import {
  accessRevokedEvent,
  chatBannedEvent,
  chatDeletedEvent,
  chatMessageSchema,
  iceCandidateEvent,
  mediaStatusSchema,
  renegotiateEvent,
  sessionTakenOverEvent,
  showEncoderEvent,
  showEndedEvent,
  showRecoveringEvent,
  showStateSchema,
  tipSchema,
  videoStateEvent,
} from "./payloads";

/** Server → browser event name → zod schema of its one payload argument. */
export const SERVER_EVENT_SCHEMAS = {
  /** A KMS ICE candidate for this socket's WebRtcEndpoint. */
  "ice:candidate": iceCandidateEvent,
  /** The show changed (hosts, viewer count, videos, media status). Sent to the show room. */
  "show:state": showStateSchema,
  /** Media server reachability (hosts should show it). */
  "media:status": mediaStatusSchema,
  /** The show lost its media server and is being rebuilt: keep the page, wait for `renegotiate`. Sent to the show room. */
  "show:recovering": showRecoveringEvent,
  /** The media graph was rebuilt: create a new peer connection and send a new offer. */
  renegotiate: renegotiateEvent,
  /** This socket's access ended (TOKEN_EXPIRED, PAYMENT_REQUIRED, FORBIDDEN); it is disconnected right after. */
  "access:revoked": accessRevokedEvent,
  /** Another device took this ticket; this socket is disconnected right after. */
  "session:taken-over": sessionTakenOverEvent,
  /**
   * The encoder (OBS) of a live encoder show: `gone` since `goneAt` (ISO 8601), the show ends by itself at
   * `endsAt` unless it publishes again (sent to hosts every poll while it lasts); `publishing` once when back.
   */
  "show:encoder": showEncoderEvent,
  /** The show ended. */
  "show:ended": showEndedEvent,
  /** A new chat message. */
  "chat:message": chatMessageSchema,
  /** A message was deleted by a moderator. */
  "chat:deleted": chatDeletedEvent,
  /** A user was banned from chat. */
  "chat:banned": chatBannedEvent,
  /** A confirmed tip. */
  tip: tipSchema,
  /** An injected video changed state (EndOfStream → "ended"). */
  "video:state": videoStateEvent,
} as const satisfies Record<string, z.ZodType>;

/** Name of an event the media service emits. */
export type ServerEventName = keyof typeof SERVER_EVENT_SCHEMAS;
/** Payload of server event `E`. */
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof SERVER_EVENT_SCHEMAS)[E]>;
