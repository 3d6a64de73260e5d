/**
 * MediaServer implemented with kurento-client (JSON-RPC over WebSocket, the
 * Kurento Protocol: https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html).
 * Takes a connected client in its constructor; every call goes through
 * kurentoCall (explicit callback + deadline).
 */
import kurento, { type KurentoClientInstance, type KurentoObject } from "kurento-client";
import { type Logger } from "pino";
import { type IceCandidate } from "@limelight/contracts";
import { type MediaEvent, type MediaObjectType, type MediaRef, type MediaServer, MediaServerError } from "../media-server";
import { kurentoCall } from "./kurento-call";

/** Options of KurentoMediaServer (ms). */
export interface KurentoMediaServerOptions {
  url: string;
  callTimeoutMs: number;
  logger: Logger;
}

/** The Kurento implementation of MediaServer. */
export class KurentoMediaServer implements MediaServer {
  readonly url: string;
  private readonly objects = new Map<string, KurentoObject>();
  private readonly lostHandlers: Array<(reason: string) => void> = [];
  private lost = false;
  private tagsRefused = false;
  private manager: KurentoObject | null = null;

  constructor(
    private readonly client: KurentoClientInstance,
    private readonly options: KurentoMediaServerOptions,
  ) {
    this.url = options.url;
    client.on("reconnected", (sameSession: boolean) => {
      if (!sameSession) this.markLost("KMS session lost (INVALID_SESSION): the media server restarted");
    });
    client.on("disconnect", () => this.markLost("KMS connection failed for good"));
  }

  /** True once the session was lost; create a new client and server object then. */
  get isLost(): boolean {
    return this.lost;
  }

  private markLost(reason: string): void {
    if (this.lost) return;
    this.lost = true;
    this.objects.clear();
    this.options.logger.warn({ kms: this.url, reason }, "media server session lost");
    for (const handler of this.lostHandlers) handler(reason);
  }

  private call<R, T = R>(operation: string, invoke: (cb: (error: (Error & { code?: number }) | null | undefined, result: R) => void) => unknown, accept?: (result: R) => T): Promise<T> {
    return kurentoCall<R, T>(operation, this.options.callTimeoutMs, invoke, accept);
  }

  /**
   * Creates a media object through `create` and adopts it as a MediaRef inside the reply's callback (a
   * kurento-client MediaObject is a thenable: see kurentoCall's `accept`).
   */
  private createObject(type: MediaObjectType, create: (cb: (error: (Error & { code?: number }) | null | undefined, object: KurentoObject) => void) => unknown): Promise<MediaRef> {
    return this.call<KurentoObject, MediaRef>(`create ${type}`, create, (object) => this.adopt(type, object));
  }

  /**
   * A Kurento Protocol `invoke` {object, operation, operationParams} sent
   * through kurento-client's own RPC channel (the '_rpc' event each
   * MediaObject emits for its generated methods, which subscribe() uses too),
   * with media objects named by id, as the protocol carries them. The
   * generated methods first wait on every MediaObject involved as a thenable
   * and copy each object's methods onto the promise they return
   * (kurento-client's `disguise`): about a tenth of the media node's CPU per
   * viewer join (bench/viewer-join). Resolves with the result's `value`.
   * Source: https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
   */
  private invoke<T = unknown>(ref: MediaRef, operation: string, operationParams?: Record<string, unknown>): Promise<T> {
    const o = this.obj(ref);
    const params: Record<string, unknown> = { object: o.id, operation };
    if (operationParams) params.operationParams = operationParams;
    return this.call<{ value?: T } | undefined, T>(operation, (cb) => o.emit("_rpc", undefined, "invoke", params, cb), (result) => result?.value as T);
  }

  private obj(ref: MediaRef): KurentoObject {
    const found = this.objects.get(ref.id);
    if (!found) throw new MediaServerError("lookup", `unknown media object ${ref.id}`, 40101);
    return found;
  }

  private adopt(type: MediaObjectType, object: KurentoObject): MediaRef {
    // Subscriptions are made explicitly (awaitable) in subscribe(); drop the
    // library's implicit subscribe-on-listen, which reports failures by
    // emitting an 'error' nobody may listen to (it would crash the process).
    object.removeAllListeners("newListener");
    object.removeAllListeners("removeListener");
    object.on("error", (error: unknown) => this.options.logger.warn({ err: error, object: object.id }, "kurento object error"));
    this.objects.set(object.id, object);
    return { id: object.id, type };
  }

  async createPipeline(): Promise<MediaRef> {
    return this.createObject("MediaPipeline", (cb) => this.client.create("MediaPipeline", cb));
  }

  async createComposite(pipeline: MediaRef): Promise<MediaRef> {
    const p = this.obj(pipeline);
    return this.createObject("Composite", (cb) => p.create("Composite", {}, cb));
  }

  async createHubPort(composite: MediaRef): Promise<MediaRef> {
    const c = this.obj(composite);
    return this.createObject("HubPort", (cb) => c.createHubPort(cb));
  }

  async createWebRtcEndpoint(pipeline: MediaRef, options: { recvonly?: boolean; sendonly?: boolean }): Promise<MediaRef> {
    const p = this.obj(pipeline);
    const params: Record<string, unknown> = {};
    if (options.recvonly) params.recvonly = true;
    if (options.sendonly) params.sendonly = true;
    return this.createObject("WebRtcEndpoint", (cb) => p.create("WebRtcEndpoint", params, cb));
  }

  async createPlayerEndpoint(pipeline: MediaRef, uri: string): Promise<MediaRef> {
    const p = this.obj(pipeline);
    return this.createObject("PlayerEndpoint", (cb) => p.create("PlayerEndpoint", { uri }, cb));
  }

  async createRtpEndpoint(pipeline: MediaRef): Promise<MediaRef> {
    const p = this.obj(pipeline);
    return this.createObject("RtpEndpoint", (cb) => p.create("RtpEndpoint", {}, cb));
  }

  async connect(source: MediaRef, sink: MediaRef): Promise<void> {
    await this.invoke(source, "connect", { sink: this.obj(sink).id });
  }

  async disconnect(source: MediaRef, sink: MediaRef): Promise<void> {
    await this.invoke(source, "disconnect", { sink: this.obj(sink).id });
  }

  async processOffer(endpoint: MediaRef, sdpOffer: string): Promise<string> {
    const answer = await this.invoke<unknown>(endpoint, "processOffer", { offer: sdpOffer });
    if (typeof answer !== "string" || !answer.startsWith("v=0")) throw new MediaServerError("processOffer", "KMS returned no SDP answer", undefined);
    return answer;
  }

  async gatherCandidates(endpoint: MediaRef): Promise<void> {
    await this.invoke(endpoint, "gatherCandidates");
  }

  async addIceCandidate(endpoint: MediaRef, candidate: IceCandidate): Promise<void> {
    const e = this.obj(endpoint);
    // The IceCandidate complex type of kurento-client-elements: {candidate, sdpMid, sdpMLineIndex}.
    const value = kurento.getComplexType("IceCandidate")({ candidate: candidate.candidate, sdpMid: candidate.sdpMid ?? "", sdpMLineIndex: candidate.sdpMLineIndex ?? 0 });
    await this.call("addIceCandidate", (cb) => e.addIceCandidate(value, cb));
  }

  async play(player: MediaRef): Promise<void> {
    const p = this.obj(player);
    await this.call("play", (cb) => p.play(cb));
  }

  async stop(player: MediaRef): Promise<void> {
    const p = this.obj(player);
    await this.call("stop", (cb) => p.stop(cb));
  }

  async requestKeyframe(endpoint: MediaRef): Promise<void> {
    const e = this.obj(endpoint);
    await this.call("requestKeyframe", (cb) => e.requestKeyframe(cb));
  }

  async release(ref: MediaRef): Promise<void> {
    const o = this.objects.get(ref.id);
    if (!o) return;
    try {
      await this.call("release", (cb) => o.release(cb));
    } catch (error) {
      // Callers release on a best-effort basis (a leaving viewer, a graph torn down): the failure is noticed
      // here, once, and the object is forgotten either way (KMS frees it with its MediaPipeline, or it is
      // already gone with a lost session), so this map never grows with objects that cannot be released.
      this.options.logger.warn({ err: error, object: ref.id, type: ref.type, kms: this.url }, "kurento release failed; object forgotten");
      throw error;
    } finally {
      this.forget(ref);
    }
  }

  /** Drops `ref` (and, for a MediaPipeline, every object inside it) from the object map. */
  private forget(ref: MediaRef): void {
    this.objects.delete(ref.id);
    if (ref.type === "MediaPipeline") {
      for (const id of [...this.objects.keys()]) if (id.startsWith(ref.id)) this.objects.delete(id);
    }
  }

  async subscribe(ref: MediaRef, eventType: string, handler: (event: MediaEvent) => void): Promise<void> {
    const o = this.obj(ref);
    o.on(eventType, (data: Record<string, unknown>) => handler({ type: eventType, data: data ?? {} }));
    // The library's own RPC channel for subscribe (MediaObject emits '_rpc'), with an explicit callback.
    await this.call("subscribe " + eventType, (cb) => o.emit("_rpc", undefined, "subscribe", { object: o.id, type: eventType }, cb));
  }

  async tag(ref: MediaRef, key: string, value: string): Promise<void> {
    if (this.tagsRefused) return;
    const o = this.obj(ref);
    try {
      await this.call("addTag", (cb) => o.addTag(key, value, cb));
    } catch (error) {
      // Best-effort: older KMS builds and some proxies refuse addTag. Log once, go on untagged.
      if (error instanceof MediaServerError && error.timedOut) throw error;
      this.tagsRefused = true;
      this.options.logger.warn({ kms: this.url, err: error }, "KMS refused addTag; pipelines stay untagged (no sweep of leftovers)");
    }
  }

  async ping(timeoutMs: number): Promise<void> {
    this.manager ??= await kurentoCall<KurentoObject>("getServerManager", timeoutMs, (cb) => this.client.getServerManager(cb));
    const manager = this.manager;
    await kurentoCall("ping (getInfo)", timeoutMs, (cb) => manager.getInfo(cb));
  }

  declareLost(reason: string): void {
    this.markLost(reason);
    try {
      this.client.close();
    } catch {
      // already closed
    }
  }

  async sweepPipelines(key: string, value: string): Promise<number> {
    const manager = await this.call<KurentoObject>("getServerManager", (cb) => this.client.getServerManager(cb));
    const pipelines = await this.call<KurentoObject[]>("getPipelines", (cb) => manager.getPipelines(cb));
    let released = 0;
    for (const pipeline of pipelines) {
      if (this.objects.has(pipeline.id)) continue;
      const tags = await this.call<Array<{ key: string; value: string }>>("getTags", (cb) => pipeline.getTags(cb)).catch(() => []);
      if (!tags.some((t) => t.key === key && t.value === value)) continue;
      await this.call("release", (cb) => pipeline.release(cb)).then(
        () => (released += 1),
        (error: unknown) => this.options.logger.warn({ err: error, pipeline: pipeline.id }, "could not release a leftover pipeline"),
      );
    }
    return released;
  }

  onSessionLost(handler: (reason: string) => void): void {
    this.lostHandlers.push(handler);
  }

  async close(): Promise<void> {
    this.lost = true;
    this.objects.clear();
    try {
      this.client.close();
    } catch {
      // already closed
    }
  }
}
