/**
 * The one way a socket request is handled: parse the payload with its zod
 * schema (VALIDATION_FAILED otherwise), run the handler, ack
 * `{ok: true, ...result}` or `{error: {code, message}}` (toErrorBody: a 500
 * never shows internals). A request without an ack callback is ignored.
 */
import { type Logger } from "pino";
import { isAppError, parseInput, toErrorBody } from "@limelight/domain";
import { REQUEST_SCHEMAS, type RequestName, type RequestPayload } from "@limelight/media-protocol";
import { type MediaSocket } from "./rooms";

type LooseSocket = { on(event: string, listener: (...args: unknown[]) => void): void };

/** Registers `handler` for request `event` on `socket`. */
export function onRequest<E extends RequestName>(
  socket: MediaSocket,
  event: E,
  log: Logger,
  handler: (payload: RequestPayload<E>) => Promise<object | void>,
): void {
  (socket as unknown as LooseSocket).on(event, (...args: unknown[]) => {
    const ack = args.find((a): a is (body: unknown) => void => typeof a === "function");
    if (!ack) return;
    const payload = typeof args[0] === "function" ? undefined : args[0];
    void (async () => {
      try {
        const parsed = parseInput(REQUEST_SCHEMAS[event], payload) as RequestPayload<E>;
        const result = await handler(parsed);
        ack({ ok: true, ...(result ?? {}) });
      } catch (error) {
        if (!isAppError(error) || error.code === "INTERNAL") log.error({ err: error, event }, "request failed");
        else log.debug({ code: error.code, event }, "request refused");
        ack(toErrorBody(error));
      }
    })();
  });
}
