/**
 * Opens a kurento-client connection. Keeps the object returned by the
 * constructor (awaiting the client yields a copy without `sessionId`,
 * docs/kurento.md pitfall 2) and sets `failAfter` so an unreachable KMS
 * fails instead of hanging (pitfall 3). Connects without kurento-client's
 * `strict` module check (which refuses a KMS lacking any module the client
 * knows, e.g. `filters`) and checks only the modules this service uses
 * (REQUIRED_KMS_MODULES) from ServerManager.getInfo().modules
 * (https://doc-kurento.readthedocs.io/en/latest/features/kurento_api.html).
 */
import kurento, { type KurentoClientInstance, type KurentoObject } from "kurento-client";
import { MediaServerError } from "../media-server";
import { kurentoCall } from "./kurento-call";

/** Kurento modules whose types this service creates (MediaPipeline, Composite, HubPort from core; endpoints from elements). */
export const REQUIRED_KMS_MODULES: readonly string[] = ["core", "elements"];

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
    const client = kurento(url, { failAfter: options.failAfter, strict: false, request_timeout: options.timeoutMs, response_timeout: options.timeoutMs }, (error) => {
      if (error) return fail(`KMS ${url} unreachable: ${error.message}`, false, error);
      if (settled) return;
      missingModules(client, options.timeoutMs).then(
        (missing) => {
          if (missing.length) return fail(`KMS ${url} lacks the module(s) ${missing.join(", ")} this service needs`, false);
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(client);
        },
        (cause: unknown) => fail(`KMS ${url} did not describe its modules`, false, cause),
      );
    });
    holder.client = client;
    client.once("disconnect", () => fail(`KMS ${url} unreachable`, false));
  });
}

/** Names in REQUIRED_KMS_MODULES that the server's getInfo() does not list. Rejects with MediaServerError. */
async function missingModules(client: KurentoClientInstance, timeoutMs: number): Promise<string[]> {
  const manager = await kurentoCall<KurentoObject>("getServerManager", timeoutMs, (cb) => client.getServerManager(cb));
  const info = await kurentoCall<{ modules?: Array<{ name?: unknown }> }>("getInfo", timeoutMs, (cb) => manager.getInfo(cb));
  const names = new Set((info?.modules ?? []).map((m) => String(m.name)));
  return REQUIRED_KMS_MODULES.filter((m) => !names.has(m));
}
