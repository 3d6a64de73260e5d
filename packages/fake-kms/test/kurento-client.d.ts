// Minimal types for the parts of kurento-client 7.2.0 (plain JavaScript, no
// bundled types) that the fake KMS tests use.
declare module "kurento-client" {
  /** Error passed to callbacks; Kurento protocol errors carry `code` and `data.type`. */
  export interface KurentoError extends Error {
    code?: number;
    data?: { type?: string };
  }
  export type Callback<T = unknown> = (error: KurentoError | null | undefined, result?: T) => void;

  /** A remote MediaObject proxy (MediaPipeline, WebRtcEndpoint, ...). */
  export interface MediaObject {
    readonly id: string;
    on(event: string, listener: (data: Record<string, unknown>) => void): this;
    [method: string]: unknown;
  }

  /** The client (a thenable EventEmitter). */
  export interface KurentoClient {
    readonly sessionId: string | undefined;
    create(type: string, params: Record<string, unknown>, callback: Callback<MediaObject>): MediaObject;
    getServerManager(callback: Callback<MediaObject>): void;
    getMediaobjectById(id: string, callback: Callback<MediaObject>): void;
    close(): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    once(event: string, listener: (...args: unknown[]) => void): this;
  }

  export interface KurentoClientOptions {
    failAfter?: number;
    strict?: boolean;
    request_timeout?: number;
    response_timeout?: number;
  }

  function kurentoClient(url: string, options: KurentoClientOptions, callback?: Callback<KurentoClient>): KurentoClient;
  export default kurentoClient;
}
