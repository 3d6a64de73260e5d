/**
 * The one wrapper for kurento-client calls. kurento-client's promise forms
 * resolve to undefined on errors (docs/kurento.md, pitfall 1), so every call
 * goes through an explicit node-style callback here, and gets a deadline.
 */
import { MediaServerError } from "../media-server";

/** Node-style callback as kurento-client calls it. */
export type KurentoCallback<T> = (error: (Error & { code?: number }) | null | undefined, result: T) => void;

/**
 * Runs `invoke(callback)` and resolves with the callback's result (mapped by
 * `accept`, when given), or rejects with MediaServerError: `kmsCode` from the
 * Kurento JSON-RPC error
 * (https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html),
 * or `timedOut` after `timeoutMs` ms. A throw inside `invoke` or `accept` also
 * rejects. `accept` runs inside the callback, and only for an answer that
 * arrives in time: a kurento-client MediaObject is a thenable, so resolving a
 * promise with one makes the promise call its `then`, which copies every
 * method of the object (kurento-client's `disguise`); mapping it to a plain
 * value first avoids that.
 */
export function kurentoCall<R, T = R>(operation: string, timeoutMs: number, invoke: (callback: KurentoCallback<R>) => unknown, accept?: (result: R) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new MediaServerError(operation, `${operation} timed out after ${timeoutMs} ms`, undefined, true));
    }, timeoutMs);
    const done: KurentoCallback<R> = (error, result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        const code = typeof error.code === "number" ? error.code : undefined;
        reject(new MediaServerError(operation, `${operation} failed: ${error.message}`, code, false, { cause: error }));
        return;
      }
      try {
        resolve(accept ? accept(result) : (result as unknown as T));
      } catch (failure) {
        reject(new MediaServerError(operation, `${operation} failed: ${failure instanceof Error ? failure.message : String(failure)}`, undefined, false, { cause: failure }));
      }
    };
    try {
      invoke(done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined as R);
    }
  });
}
