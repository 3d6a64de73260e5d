/**
 * Opens a kurento-client connection. Keeps the object returned by the
 * constructor (awaiting the client yields a copy without `sessionId`,
 * docs/kurento.md pitfall 2) and sets `failAfter` so an unreachable KMS
 * fails instead of hanging (pitfall 3).
 */
import kurento, { type KurentoClientInstance } from "kurento-client";
import { MediaServerError } from "../media-server";

/** Options of connectKurento (times in ms). */
export interface ConnectKurentoOptions {
  /** Reconnection attempts before giving up (kurento-client failAfter). */
  failAfter: number;
  /** Deadline for the whole connect, including the server's module check. */
  timeoutMs: number;
}

/**
 * Connects to the KMS at `url` (ws:// or wss://) and resolves with the live
 * client once the server answered. Rejects with MediaServerError("connect")
 * when the server is unreachable after `failAfter` tries or after `timeoutMs`.
 */
export function connectKurento(url: string, options: ConnectKurentoOptions): Promise<KurentoClientInstance> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const holder: { client?: KurentoClientInstance } = {};
    const fail = (message: string, timedOut: boolean, cause?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        holder.client?.close();
      } catch {
        // closing a client that never connected may throw; nothing to release
      }
      reject(new MediaServerError("connect", message, undefined, timedOut, { cause }));
    };
    const timer = setTimeout(() => fail(`KMS ${url} did not answer within ${options.timeoutMs} ms`, true), options.timeoutMs);
    const client = kurento(url, { failAfter: options.failAfter, strict: true, request_timeout: options.timeoutMs, response_timeout: options.timeoutMs }, (error) => {
      if (error) return fail(`KMS ${url} unreachable: ${error.message}`, false, error);
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(client);
    });
    holder.client = client;
    client.once("disconnect", () => fail(`KMS ${url} unreachable`, false));
  });
}
