/**
 * Minimal typings of kurento-client 7.2.0 (it ships none): only what
 * KurentoMediaServer uses. Callbacks are node-style; promise forms are not
 * used because they swallow errors (docs/kurento.md).
 */
declare module "kurento-client" {
  import { type EventEmitter } from "node:events";

  type Callback<T = unknown> = (error: (Error & { code?: number }) | null | undefined, result: T) => void;

  /** Any Kurento media object (MediaPipeline, endpoints, hubs). */
  interface KurentoObject extends EventEmitter {
    readonly id: string;
    create(type: string, params: Record<string, unknown>, callback: Callback<KurentoObject>): void;
    createHubPort(callback: Callback<KurentoObject>): void;
    connect(sink: KurentoObject, callback: Callback): void;
    disconnect(sink: KurentoObject, callback: Callback): void;
    processOffer(offer: string, callback: Callback<string>): void;
    gatherCandidates(callback: Callback): void;
    addIceCandidate(candidate: unknown, callback: Callback): void;
    play(callback: Callback): void;
    stop(callback: Callback): void;
    requestKeyframe(callback: Callback): void;
    release(callback: Callback): void;
    addTag(key: string, value: string, callback: Callback): void;
    getTags(callback: Callback<Array<{ key: string; value: string }>>): void;
    getPipelines(callback: Callback<KurentoObject[]>): void;
    getInfo(callback: Callback<{ version?: string; modules?: Array<{ name?: unknown }> }>): void;
  }

  /** Options of the KurentoClient constructor. */
  interface KurentoClientOptions {
    failAfter?: number;
    strict?: boolean;
    request_timeout?: number;
    response_timeout?: number;
    duplicates_timeout?: number;
  }

  /** The client (an EventEmitter: connected, disconnected, reconnected(sameSession), disconnect). */
  interface KurentoClientInstance extends EventEmitter {
    create(type: string, callback: Callback<KurentoObject>): void;
    create(type: string, params: Record<string, unknown>, callback: Callback<KurentoObject>): void;
    close(): void;
    getServerManager(callback: Callback<KurentoObject>): void;
    readonly sessionId: string | undefined;
  }

  /** Constructor-callable: `kurento(url, options, callback)` returns the client at once. */
  interface KurentoClientFactory {
    (url: string, options: KurentoClientOptions, callback: Callback<unknown>): KurentoClientInstance;
    KurentoClient: KurentoClientFactory;
    /** Constructor of a complex type such as "IceCandidate" (serialized with __module__/__type__). */
    getComplexType(name: string): (value: Record<string, unknown>) => unknown;
  }

  const kurento: KurentoClientFactory;
  export default kurento;
  export type { KurentoObject, KurentoClientInstance, KurentoClientOptions, Callback };
}
