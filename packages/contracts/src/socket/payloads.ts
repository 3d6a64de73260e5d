/**
 * zod schemas of every payload exchanged between browsers and the media
 * service over socket.io. Requests (client → server) are validated by the
 * server; server → client payloads use the same schemas so the web app can
 * validate what it receives.
 *
 * SDP offers/answers are RFC 8866 session descriptions (as produced by
 * RTCPeerConnection.createOffer); ICE candidates follow RTCIceCandidateInit
 * (https://w3c.github.io/webrtc-pc/#dom-rtcicecandidateinit).
 */
import { z } from "zod";

/** Max SDP size accepted (bytes of text). A browser offer is about 3–8 KB. */
export const MAX_SDP_LENGTH = 64 * 1024;
/** Max injected videos (PlayerEndpoints) per show; the next `video:add` is refused with CONFLICT. */
export const MAX_INJECTED_VIDEOS = 4;
/** Max chat message length (characters). */
export const MAX_CHAT_LENGTH = 500;

/** An SDP offer or answer (text, starts with "v=0"). */
export const sdpSchema = z
  .string()
  .min(10)
  .max(MAX_SDP_LENGTH)
  .refine((s) => s.trimStart().startsWith("v=0"), { message: "not an SDP (must start with v=0)" });

/**
 * An ICE candidate as RTCIceCandidateInit (trickle ICE, RFC 8838).
 * `usernameFragment` names the ICE session (the offer's `a=ice-ufrag`) the
 * candidate belongs to (https://w3c.github.io/webrtc-pc/#dom-rtcicecandidateinit-usernamefragment).
 */
export const iceCandidateSchema = z.object({
  candidate: z.string().max(2048),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
/** RTCIceCandidateInit. */
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

/** One STUN/TURN server as RTCIceServer (https://w3c.github.io/webrtc-pc/#dom-rtciceserver). */
export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
/** RTCIceServer. */
export type IceServer = z.infer<typeof iceServerSchema>;

/** Role of a socket in a show, from its access token. */
export const showRoleSchema = z.enum(["viewer", "host", "admin"]);
/** "viewer" | "host" | "admin". */
export type ShowRoleName = z.infer<typeof showRoleSchema>;

/** Media server availability as hosts see it. */
export const mediaStatusSchema = z.object({
  /**
   * "ok": KMS reachable; "unavailable": cannot reach KMS (retrying); "recovering": KMS restarted, show being rebuilt;
   * "not-configured": this media node has no KMS (KMS_URLS empty), so there is no live composite: hosts stream from an
   * encoder (OBS) and viewers watch over HLS.
   */
  status: z.enum(["ok", "unavailable", "recovering", "not-configured"]),
  message: z.string(),
});
/** Payload of `media:status`. */
export type MediaStatus = z.infer<typeof mediaStatusSchema>;

/** A host slot in the Composite (0..3). */
export const hostSlotSchema = z.object({
  slot: z.number().int().min(0).max(3),
  userId: z.string(),
  name: z.string(),
  /** false while a dropped host is inside its rejoin grace. */
  connected: z.boolean(),
  /** true while a connected host's video has not reached the media server for MEDIA_FLOW_STALL_MS (show "reconnecting"). */
  reconnecting: z.boolean().optional(),
});
/** One occupied host slot. */
export type HostSlot = z.infer<typeof hostSlotSchema>;

/** Injected video states (InjectedVideo.state). */
export const videoStateSchema = z.enum(["stopped", "playing", "ended", "removed"]);

/** An injected video (PlayerEndpoint → HubPort). */
export const injectedVideoSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  uri: z.string(),
  title: z.string(),
  state: videoStateSchema,
  createdAt: z.string(),
});
/** An injected video as clients see it (createdAt ISO 8601). */
export type InjectedVideoView = z.infer<typeof injectedVideoSchema>;

/** Live state of one show. */
export const showStateSchema = z.object({
  eventId: z.string(),
  live: z.boolean(),
  hosts: z.array(hostSlotSchema),
  webrtcViewers: z.number().int().min(0),
  /** Viewers on HLS through the edges (as the edges last reported, every few seconds). */
  hlsViewers: z.number().int().min(0),
  injectedVideos: z.array(injectedVideoSchema),
  media: mediaStatusSchema,
  /**
   * What feeds the live program: "studio" (hosts' cameras mixed by the Kurento Composite), "encoder" (a
   * performer's OBS publishing with the show's stream key to the origin: HLS only, no WebRTC program),
   * or null when the show is not live.
   */
  source: z.enum(["studio", "encoder"]).nullable(),
});
/** Payload of `show:state` and of the `session:hello` ack. */
export type ShowState = z.infer<typeof showStateSchema>;

/** A chat message as clients see it. */
export const chatMessageSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  userId: z.string(),
  name: z.string(),
  role: showRoleSchema,
  body: z.string(),
  createdAt: z.string(),
});
/** Payload of `chat:message`. */
export type ChatMessageView = z.infer<typeof chatMessageSchema>;

/** A confirmed tip announced in the show (amount in cents, ISO 4217 currency). */
export const tipSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  name: z.string(),
  amountCents: z.number().int(),
  currency: z.string(),
  message: z.string().nullable(),
  confirmedAt: z.string(),
});
/** Payload of `tip`. */
export type TipView = z.infer<typeof tipSchema>;

// ---- requests (client → server) ----

/** `host:publish`: the host's SDP offer (sendrecv: camera+mic up, program down). */
export const hostPublishRequest = z.object({ sdpOffer: sdpSchema });
/** `viewer:watch`: the viewer's SDP offer (recvonly). */
export const viewerWatchRequest = z.object({ sdpOffer: sdpSchema });
/** `ice:candidate`: a local ICE candidate of this socket's peer connection. */
export const iceCandidateRequest = z.object({ candidate: iceCandidateSchema });
/** Requests without parameters. */
export const emptyRequest = z.object({}).strict().or(z.undefined()).transform(() => ({}));
/** `video:add`: uri is http(s)://, rtsp:// or file:// inside the media folder (or a bare file name in it). */
export const videoAddRequest = z.object({
  uri: z.string().min(1).max(2048),
  title: z.string().trim().min(1).max(200),
});
/** `video:play` / `video:stop` / `video:remove`. */
export const videoIdRequest = z.object({ videoId: z.string().min(1).max(64) });
/** `chat:send`. */
export const chatSendRequest = z.object({ body: z.string().trim().min(1).max(MAX_CHAT_LENGTH) });
/** `chat:delete`. */
export const chatDeleteRequest = z.object({ messageId: z.string().min(1).max(64) });
/** `chat:ban`. */
export const chatBanRequest = z.object({ userId: z.string().min(1).max(64) });

// ---- server → client event payloads ----

/** `ice:candidate` from the server: a KMS candidate for this socket's WebRtcEndpoint. */
export const iceCandidateEvent = z.object({ candidate: iceCandidateSchema });
/** `renegotiate`: the media graph was rebuilt; send a new offer (host:publish or viewer:watch). */
export const renegotiateEvent = z.object({ reason: z.string() });
/** `session:taken-over`: another device opened this ticket; this socket is disconnected right after. */
export const sessionTakenOverEvent = z.object({ message: z.string() });
/** `show:recovering`: the show lost its media server and is being rebuilt; `renegotiate` follows. */
export const showRecoveringEvent = z.object({ eventId: z.string(), reason: z.string() });
/** `access:revoked`: the socket's access ended (token expired, ticket refunded/revoked, host removed); disconnected right after. */
export const accessRevokedEvent = z.object({ code: z.enum(["TOKEN_EXPIRED", "PAYMENT_REQUIRED", "FORBIDDEN"]), message: z.string() });
/** `chat:deleted`. */
export const chatDeletedEvent = z.object({ messageId: z.string() });
/** `chat:banned`. */
export const chatBannedEvent = z.object({ userId: z.string() });
/** `show:encoder`: the encoder of a live encoder show is gone (the show ends at `endsAt`, ISO 8601) or publishing again. Sent to hosts. */
export const showEncoderEvent = z.discriminatedUnion("status", [
  z.object({ eventId: z.string(), status: z.literal("gone"), goneAt: z.string(), endsAt: z.string() }),
  z.object({ eventId: z.string(), status: z.literal("publishing") }),
]);
/** Payload of `show:encoder`. */
export type ShowEncoderEvent = z.infer<typeof showEncoderEvent>;
/** `show:ended`. */
export const showEndedEvent = z.object({ eventId: z.string(), reason: z.string() });
/** `video:state`: an injected video changed state (e.g. EndOfStream → "ended"). */
export const videoStateEvent = injectedVideoSchema;
