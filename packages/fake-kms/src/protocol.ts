/**
 * The Kurento Protocol request methods of the fake KMS: `ping`, `create`,
 * `describe`, `invoke`, `subscribe`, `unsubscribe`, `release` and
 * `transaction` (sessions and `connect` live in server.ts).
 * Shapes follow https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html :
 * - `create {type, constructorParams, properties}` → `{value: objectId}`
 * - `invoke {object, operation, operationParams}` → `{value}` (`value: null` for void operations)
 * - `subscribe {object, type}` → `{value: subscriptionId}`; `unsubscribe {object, subscription}` → `{}`
 * - `release {object}` → `{}` (also for an unknown or already released id, as KMS 7 answers);
 *   `describe {object}` → `{type, qualifiedType, hierarchy}`
 * Parameter names are those of the `.kmd.json` descriptors in kurento-client-core/-elements.
 * Error codes and messages follow KMS 7's ServerMethods.cpp, JsonRpcUtils.cpp and
 * the generated marshalling code (https://github.com/Kurento/kurento), as
 * measured against a real KMS 7.
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
    throw new KmsError("MARSHALL_ERROR", `'${name}' should be an object`);
  }
  return v as Params;
}

/**
 * A request member read by KMS's JSON-RPC layer (`JsonRpc::getValue`): required,
 * converted to a string like jsoncpp does.
 * @throws KmsError SERVER_ERROR_INIT (-32000) "'<name>' parameter is required" / "should be a string".
 */
function member(params: Params, name: string): string {
  const v = params[name];
  if (v === undefined) throw new KmsError("SERVER_ERROR_INIT", `'${name}' parameter is required`);
  if (v === null) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  throw new KmsError("SERVER_ERROR_INIT", `'${name}' parameter should be a string`);
}

/** KMS's check of `constructorParams` / `operationParams` before reading them (remoteClass_internal_cpp.ftl). */
function paramsObject(v: unknown, name: string, hasRequired: boolean): Params {
  if ((v === undefined || v === null) && hasRequired) throw new KmsError("MARSHALL_ERROR", `'${name}' is required`);
  return asParams(v, name);
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
   * @throws KmsError with the protocol error to answer; METHOD_NOT_FOUND (-32601) "Method not found." for an unknown method.
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
        throw new KmsError("METHOD_NOT_FOUND", "Method not found.");
    }
  }

  private lookup(params: Params): MediaObjectRecord {
    const id = member(params, "object");
    if (id === SERVER_MANAGER_ID) return SERVER_MANAGER;
    const object = this.graph.get(id);
    if (!object) throw new KmsError("MEDIA_OBJECT_NOT_FOUND", `Object '${id}' not found`);
    return object;
  }

  private typeOfId = (id: string): string | undefined =>
    id === SERVER_MANAGER_ID ? "ServerManager" : this.graph.get(id)?.type;

  private create(params: Params, sessionId: string): ProtocolResult {
    const type = member(params, "type");
    const typeName = type.replace(/^kurento\./, "");
    if (!this.schema.isCreatable(typeName)) {
      // KMS looks the type up among its factories (MediaSet / ModuleManager): abstract types have none.
      throw new KmsError("MEDIA_OBJECT_NOT_AVAILABLE", `Factory '${type}' not found`);
    }
    const declared = this.schema.constructorParams(typeName);
    const rawCtor = paramsObject(params.constructorParams, "constructorParams", declared.some((p) => !p.optional));
    // Unknown constructor parameters are ignored, as KMS does; missing/mistyped ones are MARSHALL_ERROR.
    const ctor = this.schema.readParams(declared, rawCtor, this.typeOfId);

    let pipeline: string | null = null;
    let parent: string | null = null;
    if (typeName !== "MediaPipeline") {
      // The owner is the constructor param that is a MediaPipeline or a Hub (HubPort: `hub`).
      for (const p of declared) {
        if (!this.schema.isA(p.type, "MediaPipeline") && !this.schema.isA(p.type, "Hub")) continue;
        const owner = typeof ctor[p.name] === "string" ? this.graph.get(ctor[p.name] as string) : undefined;
        if (owner) {
          pipeline = owner.pipeline;
          parent = owner.id;
          break;
        }
      }
      if (pipeline === null || parent === null) {
        // A reference of the wrong class (e.g. `hub` = a MediaPipeline) reads as null in KMS,
        // whose constructor then fails: measured "-32603 Unexpected error ...: bad_weak_ptr".
        throw new KmsError("INTERNAL_ERROR", "Unexpected error while processing method: bad_weak_ptr");
      }
    }
    const uuid = randomUUID();
    // Ids nest under the owner as in KMS: `<pipeline>/<uuid>_kurento.X`, HubPorts `<pipeline>/<composite>/<uuid>_kurento.HubPort`.
    const id = parent === null ? `${uuid}_kurento.${typeName}` : `${parent}/${uuid}_kurento.${typeName}`;
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
      params: ctor,
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
    const object = this.lookup(params);
    return {
      type: object.type,
      qualifiedType: `kurento.${object.type}`,
      hierarchy: this.schema.ancestors(object.type).map((t) => `kurento.${t}`),
    };
  }

  private invoke(params: Params): ProtocolResult {
    const operation = member(params, "operation");
    const object = this.lookup(params);
    const resolved = this.schema.resolveOperation(object.type, operation);
    if (!resolved) {
      // remoteClass_internal_cpp.ftl: the last class of the chain answers MALFORMED_TRANSACTION.
      const given = params.operationParams;
      const count = given && typeof given === "object" ? Object.keys(given).length : 0;
      throw new KmsError("MALFORMED_TRANSACTION", `Method '${operation}' with ${count} parameters not found`);
    }
    const raw = paramsObject(params.operationParams, "operationParams", resolved.params.some((p) => !p.optional));
    const opParams = this.schema.readParams(resolved.params, raw, this.typeOfId);
    const value = this.operations.run(object, resolved, opParams);
    // KMS answers every invoke with `value`; void operations with null.
    return { value: value === undefined ? null : value };
  }

  private subscribe(params: Params, sessionId: string): ProtocolResult {
    const type = member(params, "type");
    const object = this.lookup(params);
    if (!this.schema.events(object.type).includes(type)) {
      throw new KmsError("MEDIA_OBJECT_EVENT_NOT_SUPPORTED", `Event '${type}' not supported`);
    }
    const id = randomUUID();
    this.graph.addSubscription({ id, object: object.id, type, sessionId });
    return { value: id };
  }

  /** Like KMS, unsubscribing from a released object is not an error (the client does it after every release). */
  private unsubscribe(params: Params): ProtocolResult {
    this.graph.removeSubscription(member(params, "subscription"));
    return {};
  }

  /** KMS 7 answers the release of an unknown or already released id with success (measured). */
  private release(params: Params): ProtocolResult {
    const id = member(params, "object");
    const object = id === SERVER_MANAGER_ID ? SERVER_MANAGER : this.graph.get(id);
    if (!object) return {};
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
