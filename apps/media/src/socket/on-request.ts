/**
 * The one way a socket request is handled: parse the payload with its zod
 * schema from @limelight/contracts (REQUEST_SCHEMAS), run the handler, ack
 * `{ok: true, ...result}` (result typed by ACK_RESULT_SCHEMAS) or
 * `{error: {code, message, path?, details?}}` (toErrorBody: a 500 never shows
 * internals). A payload that fails its schema is acked
 * `{error: {code: "INVALID_ARGUMENT", message, path, details: {path, issues}}}`
 * where `path` is the first zod issue's path (array of keys). A request
 * without an ack callback is ignored.
 */
import { type Logger } from "pino";
import { type z } from "zod";
import { AppError, isAppError, toErrorBody } from "@limelight/domain";
import { type AckResult, isRequestName, REQUEST_SCHEMAS, type RequestName, type RequestPayload } from "@limelight/contracts";
import { type MediaSocket } from "./rooms";

type LooseSocket = { on(event: string, listener: (...args: unknown[]) => void): void };

/**
 * Parses a request payload with its schema. Throws AppError INVALID_ARGUMENT
 * whose `path` is the first issue's path and whose details are
 * `{path: (string|number)[], issues: {path, message}[]}`.
 */
export function parseRequest<E extends RequestName>(event: E, payload: unknown): RequestPayload<E> {
  const result = (REQUEST_SCHEMAS[event] as z.ZodType).safeParse(payload);
  if (result.success) return result.data as RequestPayload<E>;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map((k) => (typeof k === "symbol" ? String(k) : k)), message: issue.message }));
  const first = issues[0] ?? { path: [], message: "Invalid payload" };
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  throw new AppError("INVALID_ARGUMENT", `${event}: ${where}${first.message}`, { path: first.path, details: { path: first.path, issues } });
}

/** Registers `handler` for request `event` on `socket`. */
export function onRequest<E extends RequestName>(
  socket: MediaSocket,
  event: E,
  log: Logger,
  handler: (payload: RequestPayload<E>) => Promise<AckResult<E> | void>,
): void {
  (socket as unknown as LooseSocket).on(event, (...args: unknown[]) => {
    const ack = args.find((a): a is (body: unknown) => void => typeof a === "function");
    if (!ack) return;
    const payload = typeof args[0] === "function" ? undefined : args[0];
    void (async () => {
      try {
        const result = await handler(parseRequest(event, payload));
        ack({ ok: true, ...(result ?? {}) });
      } catch (error) {
        if (!isAppError(error) || error.code === "INTERNAL") log.error({ err: error, event }, "request failed");
        else log.debug({ code: error.code, event }, "request refused");
        ack(toErrorBody(error));
      }
    })();
  });
}

/**
 * Acks every event that is not a known request with
 * `{error: {code: "UNKNOWN_EVENT", message}}` (when the client asked for an
 * ack); the event is otherwise ignored.
 */
export function ackUnknownEvents(socket: MediaSocket, log: Logger): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (isRequestName(event)) return;
    const ack = args.find((a): a is (body: unknown) => void => typeof a === "function");
    const name = typeof event === "string" ? event.slice(0, 64) : typeof event;
    log.debug({ event: name }, "unknown socket event");
    ack?.(toErrorBody(new AppError("UNKNOWN_EVENT", `Unknown event "${name}"`)));
  });
}
