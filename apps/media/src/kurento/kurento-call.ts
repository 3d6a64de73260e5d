/**
 * The one wrapper for kurento-client calls. kurento-client's promise forms
 * resolve to undefined on errors (docs/kurento.md, pitfall 1), so every call
 * goes through an explicit node-style callback here, and gets a deadline.
 */
import { MediaServerError } from "../media-server";

/** Node-style callback as kurento-client calls it. */
export type KurentoCallback<T> = (error: (Error & { code?: number }) | null | undefined, result: T) => void;

/**
 * Runs `invoke(callback)` and resolves with the callback's result, or rejects
 * with MediaServerError: `kmsCode` from the Kurento JSON-RPC error
 * (https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html),
 * or `timedOut` after `timeoutMs` ms. A throw inside `invoke` also rejects.
 */
export function kurentoCall<T>(operation: string, timeoutMs: number, invoke: (callback: KurentoCallback<T>) => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new MediaServerError(operation, `${operation} timed out after ${timeoutMs} ms`, undefined, true));
    }, timeoutMs);
    const done: KurentoCallback<T> = (error, result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        const code = typeof error.code === "number" ? error.code : undefined;
        reject(new MediaServerError(operation, `${operation} failed: ${error.message}`, code, false, { cause: error }));
      } else {
        resolve(result);
      }
    };
    try {
      invoke(done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined as T);
    }
  });
}
