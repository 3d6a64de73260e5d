/**
 * The zod schema of every request payload, by event name. The server parses
 * each payload with it before doing anything (typed event maps do not validate).
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
import { type ClientToServerEvents } from "./events";

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
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;

/** Parsed payload type of a request. */
export type RequestPayload<E extends keyof typeof REQUEST_SCHEMAS> = z.output<(typeof REQUEST_SCHEMAS)[E]>;
