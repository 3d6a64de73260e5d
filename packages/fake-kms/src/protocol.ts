/**
 * The Kurento Protocol request methods of the fake KMS: `ping`, `create`,
 * `describe`, `invoke`, `subscribe`, `unsubscribe`, `release` and
 * `transaction` (sessions and `connect` live in server.ts).
 * Shapes follow https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html :
 * - `create {type, constructorParams, properties}` → `{value: objectId}`
 * - `invoke {object, operation, operationParams}` → `{value}` (no value for void)
 * - `subscribe {object, type}` → `{value: subscriptionId}`; `unsubscribe {object, subscription}`
 * - `release {object}`; `describe {object}` → `{type, qualifiedType, hierarchy}`
 * Parameter names are those of the `.kmd.json` descriptors in kurento-client-core/-elements.
 */
import { randomUUID } from "node:crypto";
import { KmsError } from "./errors";
import { SERVER_MANAGER_ID, type MediaGraph, type MediaObjectRecord } from "./graph";
import { Operations, type BehaviourOptions } from "./operations";
import type { KurentoSchema } from "./schema";

/** Result member of a successful response, before the server adds `sessionId`. */
export interface ProtocolResult {
  value?: unknown;
  [key: string]: unknown;
}

type Params = Record<string, unknown>;

const SERVER_MANAGER: MediaObjectRecord = {
  id: SERVER_MANAGER_ID,
  type: "ServerManager",
  pipeline: null,
  parent: null,
  params: {},
  properties: {},
  tags: {},
  creationTime: Math.floor(Date.now() / 1000),
  sessionId: "",
  state: { gathered: false, localCandidates: [], remoteCandidates: [] },
};

function asParams(v: unknown, name: string): Params {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) {
    throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `'${name}' should be an object`);
  }
  return v as Params;
}

/** Stateless-per-request dispatcher over a MediaGraph. */
export class KurentoProtocol {
  readonly operations: Operations;

  constructor(
    private readonly graph: MediaGraph,
    private readonly schema: KurentoSchema,
    opts: BehaviourOptions,
    sessionIds: () => string[],
  ) {
    this.operations = new Operations(graph, schema, opts, sessionIds);
  }

  /**
   * Execute one request for `sessionId`.
   * @throws KmsError with the protocol error to answer; METHOD_NOT_FOUND (-32601) for an unknown method.
   */
  handle(method: string, rawParams: unknown, sessionId: string): ProtocolResult {
    const params = asParams(rawParams, "params");
    switch (method) {
      case "ping":
        return { value: "pong" };
      case "create":
        return this.create(params, sessionId);
      case "describe":
        return this.describe(params);
      case "invoke":
        return this.invoke(params);
      case "subscribe":
        return this.subscribe(params, sessionId);
      case "unsubscribe":
        return this.unsubscribe(params);
      case "release":
        return this.release(params);
      case "transaction":
        return this.transaction(params, sessionId);
      default:
        throw new KmsError("METHOD_NOT_FOUND", `Method not found: ${method}`);
    }
  }

  private lookup(id: unknown): MediaObjectRecord {
    if (typeof id !== "string") throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", "'object' parameter is required");
    if (id === SERVER_MANAGER_ID) return SERVER_MANAGER;
    const object = this.graph.get(id);
    if (!object) throw new KmsError("MEDIA_OBJECT_NOT_FOUND", `Object '${id}' not found`);
    return object;
  }

  private typeOfId = (id: string): string | undefined =>
    id === SERVER_MANAGER_ID ? "ServerManager" : this.graph.get(id)?.type;

  private create(params: Params, sessionId: string): ProtocolResult {
    const type = params.type;
    if (typeof type !== "string") throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", "'type' parameter is required");
    const typeName = type.replace(/^kurento\./, "");
    if (!this.schema.isCreatable(typeName)) {
      throw new KmsError("MEDIA_OBJECT_TYPE_NOT_FOUND", `Type '${type}' not found`);
    }
    const ctor = asParams(params.constructorParams, "constructorParams");
    this.schema.checkParams(this.schema.constructorParams(typeName), ctor, this.typeOfId, `${typeName} constructor`);
    if (typeName === "WebRtcEndpoint" && ctor.recvonly === true && ctor.sendonly === true) {
      throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", "A WebRtcEndpoint cannot be both recvonly and sendonly");
    }
    if (typeName === "PlayerEndpoint" && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(String(ctor.uri))) {
      throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `'uri' is not a valid URI: ${String(ctor.uri)}`);
    }

    let pipeline: string | null = null;
    let parent: string | null = null;
    if (typeName !== "MediaPipeline") {
      // The owner is the constructor param that is a MediaPipeline or a Hub (HubPort: `hub`).
      for (const p of this.schema.constructorParams(typeName)) {
        const ref = ctor[p.name];
        if (typeof ref !== "string") continue;
        const owner = this.graph.get(ref);
        if (!owner) continue;
        if (this.schema.isA(p.type, "MediaPipeline") || this.schema.isA(p.type, "Hub")) {
          pipeline = owner.pipeline;
          parent = owner.id;
          break;
        }
      }
      if (pipeline === null) {
        throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `${typeName} needs a MediaPipeline`);
      }
    }
    const uuid = randomUUID();
    const id = pipeline === null ? `${uuid}_kurento.${typeName}` : `${pipeline}/${uuid}_kurento.${typeName}`;
    const known = new Set(this.schema.properties(typeName).map((p) => p.name));
    const properties: Params = {};
    for (const [k, v] of Object.entries(asParams(params.properties, "properties"))) {
      if (known.has(k) && v !== undefined) properties[k] = v;
    }
    const record: MediaObjectRecord = {
      id,
      type: typeName,
      pipeline: pipeline ?? id,
      parent,
      params: { ...ctor },
      properties,
      tags: {},
      creationTime: Math.floor(Date.now() / 1000),
      sessionId,
      state: {
        gathered: false,
        localCandidates: [],
        remoteCandidates: [],
        ...(this.schema.isA(typeName, "UriEndpoint") ? { uriState: "STOP" as const, positionMs: 0 } : {}),
      },
    };
    this.graph.add(record);
    this.graph.emit(SERVER_MANAGER_ID, "ObjectCreated", { object: id });
    return { value: id };
  }

  private describe(params: Params): ProtocolResult {
    const object = this.lookup(params.object);
    return {
      type: object.type,
      qualifiedType: `kurento.${object.type}`,
      hierarchy: this.schema.ancestors(object.type).map((t) => `kurento.${t}`),
    };
  }

  private invoke(params: Params): ProtocolResult {
    const object = this.lookup(params.object);
    const operation = params.operation;
    if (typeof operation !== "string") {
      throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", "'operation' parameter is required");
    }
    const opParams = asParams(params.operationParams, "operationParams");
    const resolved = this.schema.resolveOperation(object.type, operation);
    if (!resolved) {
      throw new KmsError(
        "MEDIA_OBJECT_METHOD_NOT_FOUND",
        `Method '${operation}' with ${Object.keys(opParams).length} parameters not found in ${object.type}`,
      );
    }
    this.schema.checkParams(resolved.params, opParams, this.typeOfId, `${object.type}.${operation}`);
    const value = this.operations.run(object, resolved, opParams);
    return value === undefined ? {} : { value };
  }

  private subscribe(params: Params, sessionId: string): ProtocolResult {
    const object = this.lookup(params.object);
    const type = params.type;
    if (typeof type !== "string") throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", "'type' parameter is required");
    if (!this.schema.events(object.type).includes(type)) {
      throw new KmsError("MEDIA_OBJECT_EVENT_NOT_SUPPORTED", `Event '${type}' not supported by ${object.type}`);
    }
    const id = randomUUID();
    this.graph.addSubscription({ id, object: object.id, type, sessionId });
    return { value: id };
  }

  /** Like KMS, unsubscribing from a released object is not an error (the client does it after every release). */
  private unsubscribe(params: Params): ProtocolResult {
    if (typeof params.subscription !== "string") {
      throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", "'subscription' parameter is required");
    }
    this.graph.removeSubscription(params.subscription);
    return {};
  }

  private release(params: Params): ProtocolResult {
    const object = this.lookup(params.object);
    if (object === SERVER_MANAGER) {
      throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", "The ServerManager cannot be released");
    }
    // Connections into the released subtree from elements that stay: their sources see ElementDisconnected.
    const doomed = new Set(this.graph.subtreeOf(object.id));
    const cut = this.graph.connections().filter((c) => doomed.has(c.sink) && !doomed.has(c.source));
    for (const released of this.graph.release(object.id)) {
      this.operations.forget(released.id);
      if (this.graph.subscriptions(SERVER_MANAGER_ID).length > 0) {
        this.graph.emit(SERVER_MANAGER_ID, "ObjectDestroyed", { objectId: released.id });
      }
    }
    for (const c of cut) {
      this.graph.emit(c.source, "ElementDisconnected", {
        sink: c.sink,
        mediaType: c.mediaType,
        sourceMediaDescription: c.sourceMediaDescription,
        sinkMediaDescription: c.sinkMediaDescription,
      });
    }
    return {};
  }

  /**
   * `transaction {operations:[{method, params}]}`: run the operations in
   * order; `newref:N` in an object reference means the object created by
   * operation N. Returns `{value:[{result}|{error}]}` in operation order.
   */
  private transaction(params: Params, sessionId: string): ProtocolResult {
    const operations = params.operations;
    if (!Array.isArray(operations)) {
      throw new KmsError("MALFORMED_TRANSACTION", "'operations' must be a list");
    }
    const created: Array<string | undefined> = [];
    const resolveRef = (v: unknown): unknown => {
      if (typeof v === "string" && v.startsWith("newref:")) return created[Number(v.slice(7))] ?? v;
      return v;
    };
    const responses = operations.map((raw: unknown, index: number) => {
      const op = asParams(raw, `operations[${index}]`);
      const opParams = { ...asParams(op.params, "params") };
      if (opParams.object !== undefined) opParams.object = resolveRef(opParams.object);
      for (const key of ["constructorParams", "operationParams"]) {
        const nested = opParams[key];
        if (nested && typeof nested === "object" && !Array.isArray(nested)) {
          opParams[key] = Object.fromEntries(Object.entries(nested as Params).map(([k, v]) => [k, resolveRef(v)]));
        }
      }
      try {
        const result = this.handle(String(op.method), opParams, sessionId);
        if (op.method === "create") created[index] = result.value as string;
        return { jsonrpc: "2.0", id: op.id ?? index, result: { ...result, sessionId } };
      } catch (err) {
        const e = err instanceof KmsError ? err : new KmsError("UNEXPECTED_ERROR", String(err));
        return { jsonrpc: "2.0", id: op.id ?? index, error: e.toJSON() };
      }
    });
    return { value: responses };
  }
}
