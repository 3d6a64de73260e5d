/**
 * zod schemas of every socket.io ack the media service sends, by request
 * name. An ack is `{ok: true, ...result}` or the error body
 * `{error: {code, message, path?, details?}}` (../error-body.ts); a payload
 * that fails its request schema is acked with code INVALID_ARGUMENT and the
 * zod `path` of the first issue. Acks: https://socket.io/docs/v4/emitting-events/#acknowledgements
 */
import { z } from "zod";
import { errorBodySchema } from "../error-body";
import { chatMessageSchema, iceServerSchema, injectedVideoSchema, showRoleSchema, showStateSchema, tipSchema } from "./payloads";
import { type RequestName } from "./requests";

/** Result of `session:hello`: who the socket is, STUN/TURN servers for RTCPeerConnection({iceServers}), the show's state. */
export const helloResultSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: showRoleSchema,
  eventId: z.string(),
  iceServers: z.array(iceServerSchema),
  show: showStateSchema,
});
/** Result of `session:hello`. */
export type HelloResult = z.infer<typeof helloResultSchema>;

const noResult = z.object({});
const showResult = z.object({ show: showStateSchema });
const videoResult = z.object({ video: injectedVideoSchema });

/** Request name → zod schema of the result carried by its successful ack (without `ok`). */
export const ACK_RESULT_SCHEMAS = {
  "session:hello": helloResultSchema,
  /** The SDP answer of the host's WebRtcEndpoint and its Composite slot (0..3). */
  "host:publish": z.object({ sdpAnswer: z.string(), slot: z.number().int().min(0).max(3) }),
  "host:leave": noResult,
  "show:open": showResult,
  "show:end": noResult,
  "show:state": showResult,
  /** The SDP answer of the viewer's WebRtcEndpoint (recvonly program). */
  "viewer:watch": z.object({ sdpAnswer: z.string() }),
  "ice:candidate": noResult,
  "video:add": videoResult,
  "video:play": videoResult,
  "video:stop": videoResult,
  "video:remove": videoResult,
  "video:list": z.object({ videos: z.array(injectedVideoSchema) }),
  "chat:send": z.object({ message: chatMessageSchema }),
  "chat:delete": noResult,
  "chat:ban": noResult,
  /** Last 50 messages and tips, oldest first. */
  "chat:history": z.object({ messages: z.array(chatMessageSchema), tips: z.array(tipSchema) }),
} as const satisfies Record<RequestName, z.ZodType<object>>;

/** The result of request `E`'s successful ack (without `ok`). */
export type AckResult<E extends RequestName> = z.infer<(typeof ACK_RESULT_SCHEMAS)[E]>;

/** A failed request: the shared error body. */
export const ackErrorSchema = errorBodySchema;
/** A failed request. */
export type AckError = z.infer<typeof ackErrorSchema>;

/** Ack of a request: success with its result, or an error. */
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;

/** An ack callback. */
export type AckFn<T extends object = object> = (ack: Ack<T>) => void;

/**
 * The schema of request `event`'s ack: `{ok: true, ...result}` (unknown
 * keys dropped) or the error body. Used by the browser to parse every ack.
 */
export function ackSchemaFor<E extends RequestName>(event: E): z.ZodType<Ack<AckResult<E>>> {
  const result = ACK_RESULT_SCHEMAS[event] as z.ZodObject;
  return z.union([ackErrorSchema, result.extend({ ok: z.literal(true) })]) as unknown as z.ZodType<Ack<AckResult<E>>>;
}
