/**
 * The zod schema of every request payload (browser → media service), by
 * event name. The server parses each payload with it before doing anything
 * (typed event maps do not validate); a failure is acked INVALID_ARGUMENT
 * with the zod path.
 */
import { type z } from "zod";
import {
  chatBanRequest,
  chatDeleteRequest,
  chatSendRequest,
  emptyRequest,
  hostPublishRequest,
  iceCandidateRequest,
  videoAddRequest,
  videoIdRequest,
  viewerWatchRequest,
} from "./payloads";

/** Request event name → zod schema of its payload. */
export const REQUEST_SCHEMAS = {
  "session:hello": emptyRequest,
  "host:publish": hostPublishRequest,
  "host:leave": emptyRequest,
  "show:open": emptyRequest,
  "show:end": emptyRequest,
  "show:state": emptyRequest,
  "viewer:watch": viewerWatchRequest,
  "ice:candidate": iceCandidateRequest,
  "video:add": videoAddRequest,
  "video:play": videoIdRequest,
  "video:stop": videoIdRequest,
  "video:remove": videoIdRequest,
  "video:list": emptyRequest,
  "chat:send": chatSendRequest,
  "chat:delete": chatDeleteRequest,
  "chat:ban": chatBanRequest,
  "chat:history": emptyRequest,
} as const satisfies Record<string, z.ZodType>;

/** Name of a request the media service handles. */
export type RequestName = keyof typeof REQUEST_SCHEMAS;

/** True when `event` is a request name (an own key of REQUEST_SCHEMAS). */
export function isRequestName(event: unknown): event is RequestName {
  return typeof event === "string" && Object.hasOwn(REQUEST_SCHEMAS, event);
}

/** Parsed payload type of a request. */
export type RequestPayload<E extends RequestName> = z.output<(typeof REQUEST_SCHEMAS)[E]>;
