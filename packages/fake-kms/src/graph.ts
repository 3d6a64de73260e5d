/**
 * The fake KMS's media graph: every MediaObject, connection and event
 * subscription it holds, plus request counters. Tests read it to assert the
 * shape a show builds (e.g. four HubPorts on one Composite, viewers fed from
 * one program HubPort) and drive it (emit `EndOfStream`, wait for objects).
 * Event wire format (`onEvent`): https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
 */
import type { KurentoSchema } from "./schema";

/** Id of the ServerManager singleton every KMS exposes (not a graph object). */
export const SERVER_MANAGER_ID = "manager_ServerManager";

/** Media kinds of a connection (core.kmd.json `MediaType`). */
export type MediaType = "AUDIO" | "VIDEO" | "DATA";

/** ICE candidate as carried by Kurento (elements.kmd.json `IceCandidate`). */
export interface IceCandidate {
  /** The `candidate:` attribute line (RFC 5245 §15.1). */
  candidate: string;
  sdpMid: string;
  sdpMLineIndex: number;
}

/** Per-endpoint negotiation and playback state (only the fields an object's type uses). */
export interface EndpointState {
  /** SDP this endpoint produced (answer or offer). */
  localSdp?: string;
  /** SDP received from the peer (offer or answer). */
  remoteSdp?: string;
  /** "answerer" after processOffer, "offerer" after generateOffer. */
  role?: "answerer" | "offerer";
  /** True once gatherCandidates ran. */
  gathered: boolean;
  localCandidates: IceCandidate[];
  remoteCandidates: IceCandidate[];
  /** PlayerEndpoint / UriEndpoint state (core.kmd.json `UriEndpointState`). */
  uriState?: "STOP" | "START" | "PAUSE";
  /** PlayerEndpoint playback position in ms. */
  positionMs?: number;
}

/** One MediaObject held by the fake KMS. */
export interface MediaObjectRecord {
  /**
   * Kurento id: `<uuid>_kurento.MediaPipeline`, elements `<pipelineId>/<uuid>_kurento.<Type>`,
   * HubPorts under their hub: `<pipelineId>/<compositeUuid>_kurento.Composite/<uuid>_kurento.HubPort`.
   */
  id: string;
  /** Type name without module prefix, e.g. "WebRtcEndpoint". */
  type: string;
  /** Id of the MediaPipeline the object belongs to (its own id for a pipeline; null for the ServerManager). */
  pipeline: string | null;
  /** Parent object id (pipeline for elements and hubs, the hub for a HubPort); null for a pipeline. */
  parent: string | null;
  /** Constructor parameters as received in `create` (object references as ids). */
  params: Record<string, unknown>;
  /** Property values (set at create through `properties`, or later with `set<Name>`). */
  properties: Record<string, unknown>;
  /** Tags (`addTag` / `removeTag`). */
  tags: Record<string, string>;
  /** Creation time in seconds since the epoch. */
  creationTime: number;
  /** Session that created the object. */
  sessionId: string;
  /** Negotiation / playback state of endpoints. */
  state: EndpointState;
}

/** A source→sink connection for one media type. */
export interface ConnectionRecord {
  source: string;
  sink: string;
  mediaType: MediaType;
  sourceMediaDescription: string;
  sinkMediaDescription: string;
}

/** An event subscription (`subscribe {object, type}`). */
export interface SubscriptionRecord {
  /** Subscription id returned to the client. */
  id: string;
  object: string;
  type: string;
  sessionId: string;
}

/** What the graph reports to `onChange` listeners. */
export type GraphChange =
  | { kind: "created"; object: MediaObjectRecord }
  | { kind: "released"; object: MediaObjectRecord }
  | { kind: "connected" | "disconnected"; connection: ConnectionRecord }
  | { kind: "subscribed" | "unsubscribed"; subscription: SubscriptionRecord }
  | { kind: "request"; method: string; operation?: string; object?: string };

/** Delivers a JSON-RPC notification to the socket currently bound to a session; false if none. */
export type EventSink = (sessionId: string, message: unknown) => boolean;

/**
 * Inspectable, drivable state of the fake KMS. All getters return copies or
 * live records that tests must treat as read-only.
 */
export class MediaGraph {
  private readonly objectMap = new Map<string, MediaObjectRecord>();
  private connectionList: ConnectionRecord[] = [];
  private readonly subscriptionMap = new Map<string, SubscriptionRecord>();
  /** object id → event type → subscriptions (events are delivered without scanning every subscription). */
  private readonly subscriptionIndex = new Map<string, Map<string, Set<SubscriptionRecord>>>();
  private readonly requestCounts = new Map<string, number>();
  private readonly invokeCounts = new Map<string, number>();
  private readonly listeners = new Set<(change: GraphChange) => void>();
  /** Set by the server: where events go. */
  sink: EventSink = () => false;

  constructor(readonly schema: KurentoSchema) {}

  // ---- inspection -------------------------------------------------------

  /** All objects (pipelines, hubs, elements), in creation order. */
  objects(): MediaObjectRecord[] {
    return [...this.objectMap.values()];
  }

  /** The object with `id`, or undefined. */
  get(id: string): MediaObjectRecord | undefined {
    return this.objectMap.get(id);
  }

  /** True when the server currently holds `id`. */
  has(id: string): boolean {
    return this.objectMap.has(id);
  }

  /** Objects whose type is `type` or derives from it (e.g. "HubPort", "MediaElement"), optionally within one pipeline. */
  ofType(type: string, pipelineId?: string): MediaObjectRecord[] {
    return this.objects().filter(
      (o) => this.schema.isA(o.type, type) && (pipelineId === undefined || o.pipeline === pipelineId),
    );
  }

  /** All MediaPipelines. */
  pipelines(): MediaObjectRecord[] {
    return this.ofType("MediaPipeline");
  }

  /** Objects of a pipeline other than the pipeline itself. */
  elementsOf(pipelineId: string): MediaObjectRecord[] {
    return this.objects().filter((o) => o.pipeline === pipelineId && o.id !== pipelineId);
  }

  /** Direct children of an object (a pipeline's elements and hubs, a hub's ports). */
  childrenOf(id: string): MediaObjectRecord[] {
    return this.objects().filter((o) => o.parent === id);
  }

  /** Ids of `id` and everything under it (what a release of `id` removes). */
  subtreeOf(id: string): string[] {
    if (!this.objectMap.has(id)) return [];
    return [id, ...this.childrenOf(id).flatMap((c) => this.subtreeOf(c.id))];
  }

  /** Every connection, one record per media type. */
  connections(): ConnectionRecord[] {
    return [...this.connectionList];
  }

  /** Connections whose source is `id` (optionally one media type). */
  connectionsFrom(id: string, mediaType?: MediaType): ConnectionRecord[] {
    return this.connectionList.filter((c) => c.source === id && (!mediaType || c.mediaType === mediaType));
  }

  /** Connections whose sink is `id` (optionally one media type). */
  connectionsTo(id: string, mediaType?: MediaType): ConnectionRecord[] {
    return this.connectionList.filter((c) => c.sink === id && (!mediaType || c.mediaType === mediaType));
  }

  /** True when `source` feeds `sink` — for `mediaType`, or for every one of AUDIO and VIDEO when omitted. */
  isConnected(source: string, sink: string, mediaType?: MediaType): boolean {
    const types: MediaType[] = mediaType ? [mediaType] : ["AUDIO", "VIDEO"];
    return types.every((t) =>
      this.connectionList.some((c) => c.source === source && c.sink === sink && c.mediaType === t),
    );
  }

  /** Subscriptions, optionally only those on one object. */
  subscriptions(objectId?: string): SubscriptionRecord[] {
    if (objectId === undefined) return [...this.subscriptionMap.values()];
    return [...(this.subscriptionIndex.get(objectId)?.values() ?? [])].flatMap((set) => [...set]);
  }

  /** Number of JSON-RPC requests received with `method` ("create", "invoke", "ping"...). */
  requestCount(method: string): number {
    return this.requestCounts.get(method) ?? 0;
  }

  /** Number of `invoke` requests of `operation` (e.g. "processOffer"), counted whether they succeeded or not. */
  invokeCount(operation: string): number {
    return this.invokeCounts.get(operation) ?? 0;
  }

  /** Snapshot of all request counters: `{create: 3, invoke: 7, "invoke:processOffer": 1, ...}`. */
  counters(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.requestCounts) out[k] = v;
    for (const [k, v] of this.invokeCounts) out[`invoke:${k}`] = v;
    return out;
  }

  /** Listen to graph changes; returns an unsubscribe function. */
  onChange(listener: (change: GraphChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolve once `predicate()` is true (checked now and after every change).
   * @throws Error after `timeoutMs` (default 5000 ms).
   */
  waitFor<T>(predicate: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
    const now = predicate();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`fake KMS: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onChange(() => {
        const v = predicate();
        if (v) {
          clearTimeout(timer);
          off();
          resolve(v);
        }
      });
    });
  }

  // ---- driving ------------------------------------------------------------

  /**
   * Raise a Kurento event on an object, as KMS would (e.g. `emit(playerId, "EndOfStream")`).
   * `data` is merged into the event's data after the standard fields
   * `{source, type, timestampMillis, tags}` (`timestampMillis` a string of ms
   * since the epoch; KMS 7 sends no `timestamp`). Delivered as an
   * `onEvent` notification to every session subscribed to `type` on the object.
   * Returns the number of subscriptions it was delivered to.
   * @throws Error if the object is unknown or its type does not emit `type`.
   */
  emit(objectId: string, type: string, data: Record<string, unknown> = {}): number {
    const object = this.objectMap.get(objectId);
    const objectType = objectId === SERVER_MANAGER_ID ? "ServerManager" : object?.type;
    if (!objectType) throw new Error(`fake KMS: unknown object ${objectId}`);
    if (!this.schema.events(objectType).includes(type)) {
      throw new Error(`fake KMS: ${objectType} does not emit ${type}`);
    }
    if (type === "EndOfStream" && object?.state.uriState) object.state.uriState = "STOP";
    const now = Date.now();
    const sendTags = object?.properties.sendTagsInEvents === true;
    const eventData = {
      source: objectId,
      type,
      timestampMillis: String(now),
      tags: sendTags && object ? Object.entries(object.tags).map(([key, value]) => ({ key, value })) : [],
      ...data,
    };
    let delivered = 0;
    for (const sub of [...(this.subscriptionIndex.get(objectId)?.get(type) ?? [])]) {
      const message = {
        jsonrpc: "2.0",
        method: "onEvent",
        params: { value: { data: eventData, object: objectId, type } },
      };
      if (this.sink(sub.sessionId, message)) delivered += 1;
    }
    return delivered;
  }

  // ---- mutation (used by the protocol layer) -------------------------------

  /** @internal Count one request. */
  countRequest(method: string, operation?: string, object?: string): void {
    this.requestCounts.set(method, (this.requestCounts.get(method) ?? 0) + 1);
    if (operation) this.invokeCounts.set(operation, (this.invokeCounts.get(operation) ?? 0) + 1);
    this.notify({ kind: "request", method, operation, object });
  }

  /** @internal Add an object. */
  add(object: MediaObjectRecord): void {
    this.objectMap.set(object.id, object);
    this.notify({ kind: "created", object });
  }

  /**
   * @internal Release an object and, recursively, its children: their
   * connections and subscriptions go too. Returns the released records.
   */
  release(id: string): MediaObjectRecord[] {
    const object = this.objectMap.get(id);
    if (!object) return [];
    const released: MediaObjectRecord[] = [];
    for (const child of this.childrenOf(id)) released.push(...this.release(child.id));
    for (const c of this.connectionList.filter((c) => c.source === id || c.sink === id)) this.removeConnection(c);
    for (const s of this.subscriptions(id)) this.removeSubscription(s.id);
    this.objectMap.delete(id);
    released.push(object);
    this.notify({ kind: "released", object });
    return released;
  }

  /** @internal Add a connection (replacing another source feeding the same sink pad). Returns the replaced one. */
  addConnection(c: ConnectionRecord): ConnectionRecord | undefined {
    const same = this.connectionList.find(
      (x) =>
        x.source === c.source &&
        x.sink === c.sink &&
        x.mediaType === c.mediaType &&
        x.sourceMediaDescription === c.sourceMediaDescription &&
        x.sinkMediaDescription === c.sinkMediaDescription,
    );
    if (same) return undefined;
    // A sink pad takes one source: connecting another source to it replaces the previous one.
    const replaced = this.connectionList.find(
      (x) => x.sink === c.sink && x.mediaType === c.mediaType && x.sinkMediaDescription === c.sinkMediaDescription,
    );
    if (replaced) this.removeConnection(replaced);
    this.connectionList.push(c);
    this.notify({ kind: "connected", connection: c });
    return replaced;
  }

  /** @internal Remove one connection. */
  removeConnection(c: ConnectionRecord): void {
    const before = this.connectionList.length;
    this.connectionList = this.connectionList.filter((x) => x !== c);
    if (this.connectionList.length !== before) this.notify({ kind: "disconnected", connection: c });
  }

  /** @internal Add a subscription. */
  addSubscription(s: SubscriptionRecord): void {
    this.subscriptionMap.set(s.id, s);
    const byType = this.subscriptionIndex.get(s.object) ?? new Map<string, Set<SubscriptionRecord>>();
    this.subscriptionIndex.set(s.object, byType);
    const set = byType.get(s.type) ?? new Set<SubscriptionRecord>();
    byType.set(s.type, set);
    set.add(s);
    this.notify({ kind: "subscribed", subscription: s });
  }

  /** @internal Remove a subscription; false if unknown. */
  removeSubscription(id: string): boolean {
    const s = this.subscriptionMap.get(id);
    if (!s) return false;
    this.subscriptionMap.delete(id);
    const byType = this.subscriptionIndex.get(s.object);
    byType?.get(s.type)?.delete(s);
    if (byType?.get(s.type)?.size === 0) byType.delete(s.type);
    if (byType?.size === 0) this.subscriptionIndex.delete(s.object);
    this.notify({ kind: "unsubscribed", subscription: s });
    return true;
  }

  /** @internal Forget everything (KMS restart). Counters are kept. */
  clear(): void {
    const all = this.objects();
    this.objectMap.clear();
    this.connectionList = [];
    this.subscriptionMap.clear();
    this.subscriptionIndex.clear();
    for (const object of all) this.notify({ kind: "released", object });
  }

  private notify(change: GraphChange): void {
    for (const l of [...this.listeners]) l(change);
  }
}
