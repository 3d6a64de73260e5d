/**
 * What `invoke` does on each Kurento type in the fake KMS: graph operations
 * of MediaElement (connect/disconnect...), SDP negotiation of SdpEndpoint
 * (WebRtcEndpoint, RtpEndpoint), ICE of WebRtcEndpoint, playback of
 * PlayerEndpoint, tags of MediaObject, ServerManager info, and generic
 * property getters/setters. Method and parameter names come from the
 * `.kmd.json` descriptors (see schema.ts); protocol:
 * https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
 */
import { cpus } from "node:os";
import { KmsError } from "./errors";
import type { ConnectionRecord, IceCandidate, MediaGraph, MediaObjectRecord, MediaType } from "./graph";
import type { KmdProperty, KurentoSchema, ResolvedOperation } from "./schema";
import { createAnswer, createOffer, hostCandidates, newLocalTransport, parseSdp, type LocalTransport } from "./sdp";

export { SERVER_MANAGER_ID } from "./graph";

/** Behaviour knobs of the simulated media server. */
export interface BehaviourOptions {
  /** Address of the ICE host candidates (default "127.0.0.1"). */
  candidateAddress: string;
  /** Address written in RtpEndpoint SDP `c=` lines (default "127.0.0.1"). */
  rtpAddress: string;
  /** Delay before the first IceCandidateFound after gatherCandidates, in ms (default 5). */
  gatherDelayMs: number;
  /** PlayerEndpoint: EndOfStream this many ms after `play` (default: never; tests call graph.emit). */
  playerDurationMs?: number;
  /** Once ICE is "done" both ways, emit connection/flow events (default true). */
  simulateMediaFlow: boolean;
}

/** Kurento version the fake reports in ServerManager `getInfo`. */
export const FAKE_KMS_VERSION = "7.2.0";

const ALL_MEDIA: MediaType[] = ["AUDIO", "VIDEO", "DATA"];

/** ICE stream id KMS reports for a WebRtcEndpoint's (bundled) transport: number 1 in IceComponentStateChanged, "1" in pairs. */
const ICE_STREAM_ID = "1";
/** KMS gathers and connects two ICE components (RTP, RTCP) even with rtcp-mux. */
const ICE_COMPONENTS = [1, 2];

/** Media description of a connection end: KMS names the default pads "default". */
function description(v: unknown): string {
  return typeof v === "string" && v !== "" ? v : "default";
}

function complex<T extends object>(type: string, value: T): T & { __module__: string; __type__: string } {
  return { ...value, __module__: "kurento", __type__: type };
}

/**
 * Runs invoke operations against the graph. Timers (ICE gathering, player
 * end-of-stream) are tracked so a release, restart or stop cancels them.
 */
export class Operations {
  private readonly transports = new Map<string, LocalTransport>();
  private readonly timers = new Map<string, Set<NodeJS.Timeout>>();
  private readonly flowing = new Set<string>();
  /** Media types an element receives / sends (after MediaFlowIn/OutStateChanged FLOWING). */
  private readonly flowingIn = new Map<string, Set<MediaType>>();
  private readonly flowingOut = new Map<string, Set<MediaType>>();
  private readonly playStartedAt = new Map<string, number>();

  constructor(
    private readonly graph: MediaGraph,
    private readonly schema: KurentoSchema,
    private readonly opts: BehaviourOptions,
    private readonly sessionIds: () => string[],
  ) {}

  /** Forget the per-object runtime state of a released object and cancel its timers. */
  forget(id: string): void {
    for (const t of this.timers.get(id) ?? []) clearTimeout(t);
    this.timers.delete(id);
    this.transports.delete(id);
    this.flowing.delete(id);
    this.flowingIn.delete(id);
    this.flowingOut.delete(id);
    this.playStartedAt.delete(id);
  }

  /** Cancel every timer and forget all runtime state (restart / stop). */
  reset(): void {
    for (const id of [...this.timers.keys()]) this.forget(id);
    this.transports.clear();
    this.flowing.clear();
    this.flowingIn.clear();
    this.flowingOut.clear();
    this.playStartedAt.clear();
  }

  /**
   * Execute `op` on `object` with already read `params` (KurentoSchema.readParams);
   * returns the operation's value (undefined for void operations).
   * @throws KmsError with the Kurento code of the failure.
   */
  run(object: MediaObjectRecord, op: ResolvedOperation, params: Record<string, unknown>): unknown {
    if (op.kind === "get") return this.getProperty(object, op.property);
    if (op.kind === "set") {
      const value = params[op.property.name];
      if (op.property.name === "position") object.state.positionMs = Number(value);
      object.properties[op.property.name] = value;
      return undefined;
    }
    const name = op.method.name;
    switch (name) {
      // MediaObject
      case "addTag":
        object.tags[String(params.key)] = String(params.value);
        return undefined;
      case "removeTag":
        delete object.tags[String(params.key)];
        return undefined;
      case "getTag": {
        const v = object.tags[String(params.key)];
        if (v === undefined) throw new KmsError("MEDIA_OBJECT_TAG_KEY_NOT_FOUND", `Tag key not found: ${String(params.key)}`);
        return v;
      }
      case "getTags":
        return Object.entries(object.tags).map(([key, value]) => complex("Tag", { key, value }));
    }
    if (object.type === "ServerManager") return this.serverManager(name, params);
    switch (op.owner) {
      case "MediaElement":
        return this.mediaElement(object, name, params, op.method.return?.type);
      case "SdpEndpoint":
        return this.sdpEndpoint(object, name, params);
      case "WebRtcEndpoint":
        return this.webRtcEndpoint(object, name, params);
      case "UriEndpoint":
      case "PlayerEndpoint":
        return this.player(object, name);
      default:
        return defaultValue(op.method.return?.type);
    }
  }

  // ---- properties -----------------------------------------------------------

  private getProperty(object: MediaObjectRecord, property: KmdProperty): unknown {
    const name = property.name;
    switch (name) {
      case "id":
        return object.id;
      case "mediaPipeline":
        return object.pipeline;
      case "parent":
        return object.parent;
      case "children":
        return this.graph.childrenOf(object.id).map((c) => c.id);
      case "name":
        return object.properties.name ?? object.id;
      case "creationTime":
        return object.creationTime;
      case "uri":
        return object.params.uri;
      case "state":
        return object.state.uriState ?? "STOP";
      case "position":
        return this.positionMs(object);
      case "videoInfo":
        return complex("VideoInfo", {
          isSeekable: true,
          seekableInit: 0,
          seekableEnd: this.opts.playerDurationMs ?? 0,
          duration: this.opts.playerDurationMs ?? 0,
        });
      case "mediaState":
      case "connectionState":
        return this.flowing.has(object.id) ? "CONNECTED" : "DISCONNECTED";
      case "info":
        return this.serverInfo();
      case "pipelines":
        return this.graph.pipelines().map((p) => p.id);
      case "sessions":
        return this.sessionIds();
      case "metadata":
        return "";
      case "ICECandidatePairs":
        return this.candidatePairs(object);
      case "IceConnectionState":
        // KMS lists both ICE components of its (bundled) stream once connected.
        return this.flowing.has(object.id) && this.schema.isA(object.type, "WebRtcEndpoint")
          ? ICE_COMPONENTS.map((componentId) => complex("IceConnection", { streamId: ICE_STREAM_ID, componentId, state: "READY" }))
          : [];
      case "DtlsConnectionState":
        return [];
    }
    if (name in object.properties) return object.properties[name];
    return this.schema.propertyDefault(property) ?? defaultValue(property.type);
  }

  private serverInfo(): unknown {
    return complex("ServerInfo", {
      version: FAKE_KMS_VERSION,
      modules: this.schema.modules().map((m) => complex("ModuleInfo", m)),
      type: "KMS",
      capabilities: ["transactions"],
    });
  }

  private serverManager(name: string, params: Record<string, unknown>): unknown {
    switch (name) {
      case "getKmd": {
        const m = this.schema.modules().find((x) => x.name === params.moduleName);
        if (!m) throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `Module not found: ${String(params.moduleName)}`);
        return JSON.stringify(m);
      }
      case "getCpuCount":
        return cpus().length;
      case "getUsedCpu":
        return 0;
      case "getUsedMemory":
        return Math.round(process.memoryUsage().rss / 1024);
      default:
        return undefined;
    }
  }

  // ---- MediaElement -----------------------------------------------------------

  private mediaElement(
    object: MediaObjectRecord,
    name: string,
    params: Record<string, unknown>,
    returnType: string | undefined,
  ): unknown {
    switch (name) {
      case "connect":
        this.connect(object, params);
        return undefined;
      case "disconnect":
        this.disconnect(object, params);
        return undefined;
      case "getSourceConnections":
        return this.connectionData(this.graph.connectionsTo(object.id), params);
      case "getSinkConnections":
        return this.connectionData(this.graph.connectionsFrom(object.id), params);
      case "isMediaFlowingIn":
      case "isMediaFlowingOut":
      case "isMediaTranscoding": {
        // MediaElementImpl.cpp: DATA is refused with MEDIA_OBJECT_ILLEGAL_PARAM_ERROR.
        const mediaType = params.mediaType as MediaType;
        if (mediaType === "DATA") {
          const what = name.slice(2);
          throw new KmsError("MEDIA_OBJECT_ILLEGAL_PARAM_ERROR", `Media type DATA is not supported for ${what}`);
        }
        if (name === "isMediaTranscoding") return false;
        // False until media flows (a real KMS reports what it measures; the fake reports what it simulated).
        const flows = name === "isMediaFlowingIn" ? this.flowingIn : this.flowingOut;
        return flows.get(object.id)?.has(mediaType) ?? false;
      }
      case "getGstreamerDot":
        return `digraph "${object.id}" {}`;
      case "getStats":
        // KMS answers null while no media flows; the fake has no real stats to give.
        return this.flowing.has(object.id) ? {} : null;
      case "setAudioFormat":
      case "setVideoFormat":
        object.properties[name === "setAudioFormat" ? "audioFormat" : "videoFormat"] = params.caps;
        return undefined;
      default:
        return defaultValue(returnType);
    }
  }

  private connect(source: MediaObjectRecord, params: Record<string, unknown>): void {
    // A sink of the wrong class reads as null (KurentoSchema.readParams); MediaElementImpl.cpp then says so.
    const sink = typeof params.sink === "string" ? this.graph.get(params.sink) : undefined;
    if (!sink) throw new KmsError("MEDIA_OBJECT_NOT_FOUND", "Reference to sink is null");
    if (sink.pipeline !== source.pipeline) {
      throw new KmsError("CONNECT_ERROR", "Media elements do not share pipeline");
    }
    if (sink.id === source.id) throw new KmsError("CONNECT_ERROR", "Cannot connect an element to itself");
    const types = params.mediaType ? [params.mediaType as MediaType] : ALL_MEDIA;
    for (const mediaType of types) {
      const c: ConnectionRecord = {
        source: source.id,
        sink: sink.id,
        mediaType,
        sourceMediaDescription: description(params.sourceMediaDescription),
        sinkMediaDescription: description(params.sinkMediaDescription),
      };
      const before = this.graph.connections().length;
      const replaced = this.graph.addConnection(c);
      if (replaced && this.graph.has(replaced.source)) this.connectionEvent("ElementDisconnected", replaced);
      if (this.graph.connections().length !== before || replaced) this.connectionEvent("ElementConnected", c);
    }
    this.mixIfFlowing(sink.id);
    this.mixIfFlowing(source.id);
  }

  private disconnect(source: MediaObjectRecord, params: Record<string, unknown>): void {
    const matches = this.graph.connectionsFrom(source.id).filter(
      (c) =>
        c.sink === params.sink &&
        (!params.mediaType || c.mediaType === params.mediaType) &&
        (params.sourceMediaDescription === undefined ||
          c.sourceMediaDescription === description(params.sourceMediaDescription)) &&
        (params.sinkMediaDescription === undefined || c.sinkMediaDescription === description(params.sinkMediaDescription)),
    );
    for (const c of matches) {
      this.graph.removeConnection(c);
      this.connectionEvent("ElementDisconnected", c);
    }
  }

  private connectionEvent(type: "ElementConnected" | "ElementDisconnected", c: ConnectionRecord): void {
    this.graph.emit(c.source, type, {
      sink: c.sink,
      mediaType: c.mediaType,
      sourceMediaDescription: c.sourceMediaDescription,
      sinkMediaDescription: c.sinkMediaDescription,
    });
  }

  private connectionData(list: ConnectionRecord[], params: Record<string, unknown>): unknown[] {
    return list
      .filter((c) => !params.mediaType || c.mediaType === params.mediaType)
      .filter(
        (c) =>
          params.description === undefined ||
          c.sourceMediaDescription === params.description ||
          c.sinkMediaDescription === params.description,
      )
      .map((c) =>
        complex("ElementConnectionData", {
          source: c.source,
          sink: c.sink,
          type: c.mediaType,
          sourceDescription: c.sourceMediaDescription,
          sinkDescription: c.sinkMediaDescription,
        }),
      );
  }

  // ---- SdpEndpoint ------------------------------------------------------------

  private transport(object: MediaObjectRecord): LocalTransport {
    let t = this.transports.get(object.id);
    if (!t) {
      t = newLocalTransport();
      this.transports.set(object.id, t);
    }
    return t;
  }

  private sdpOptions(object: MediaObjectRecord) {
    return {
      flavor: this.schema.isA(object.type, "WebRtcEndpoint") ? ("webrtc" as const) : ("rtp" as const),
      // WebRtcEndpointImpl.cpp sets offer-dir for recvonly, then for sendonly: with both, sendonly wins.
      recvonly: object.params.recvonly === true && object.params.sendonly !== true,
      sendonly: object.params.sendonly === true,
      useDataChannels: object.params.useDataChannels === true,
      address: this.opts.rtpAddress,
    };
  }

  private sdpEndpoint(object: MediaObjectRecord, name: string, params: Record<string, unknown>): unknown {
    const state = object.state;
    switch (name) {
      case "processOffer": {
        if (state.remoteSdp !== undefined || state.localSdp !== undefined) {
          throw new KmsError("SDP_END_POINT_ALREADY_NEGOTIATED", "Endpoint already negotiated");
        }
        if (params.offer === "") throw new KmsError("SDP_PARSE_ERROR", "Empty offer not valid");
        const answer = createAnswer(params.offer, this.transport(object), this.sdpOptions(object));
        state.remoteSdp = String(params.offer);
        state.localSdp = answer;
        state.role = "answerer";
        this.maybeFlowing(object);
        return answer;
      }
      case "generateOffer": {
        if (state.localSdp !== undefined) {
          throw new KmsError("SDP_END_POINT_ALREADY_NEGOTIATED", "Endpoint already negotiated");
        }
        const options = (params.options ?? {}) as { offerToReceiveAudio?: boolean; offerToReceiveVideo?: boolean };
        const offer = createOffer(this.transport(object), { ...this.sdpOptions(object), ...options });
        state.localSdp = offer;
        state.role = "offerer";
        return offer;
      }
      case "processAnswer": {
        // Messages of SdpEndpointImpl.cpp.
        if (params.answer === "") throw new KmsError("SDP_PARSE_ERROR", "Empty answer not valid");
        if (state.role !== "offerer") {
          throw new KmsError(
            "SDP_END_POINT_NOT_OFFER_GENERATED",
            "Offer not generated. It is not possible to process an answer.",
          );
        }
        if (state.remoteSdp !== undefined) {
          throw new KmsError("SDP_END_POINT_ANSWER_ALREADY_PROCCESED", "Sdp Answer already processed");
        }
        parseSdp(params.answer);
        state.remoteSdp = String(params.answer);
        this.maybeFlowing(object);
        return state.localSdp;
      }
      case "getLocalSessionDescriptor":
        if (state.localSdp === undefined) {
          throw new KmsError("SDP_END_POINT_NO_LOCAL_SDP_ERROR", "No local SDP");
        }
        return state.localSdp;
      case "getRemoteSessionDescriptor":
        if (state.remoteSdp === undefined) {
          throw new KmsError("SDP_END_POINT_NO_REMOTE_SDP_ERROR", "No remote SDP");
        }
        return state.remoteSdp;
      default:
        return undefined;
    }
  }

  // ---- WebRtcEndpoint -----------------------------------------------------------

  private webRtcEndpoint(object: MediaObjectRecord, name: string, params: Record<string, unknown>): unknown {
    const state = object.state;
    switch (name) {
      case "gatherCandidates": {
        // KMS accepts gatherCandidates before any SDP and gathers nothing then
        // (kmswebrtcsession.c: no ICE connection exists yet); it has to be called again after negotiation.
        if (state.localSdp === undefined) return undefined;
        if (state.gathered) return undefined;
        state.gathered = true;
        const candidates = hostCandidates(state.localSdp, this.opts.candidateAddress);
        state.localCandidates = candidates;
        for (const componentId of ICE_COMPONENTS) {
          this.graph.emit(object.id, "IceComponentStateChanged", { streamId: Number(ICE_STREAM_ID), componentId, state: "GATHERING" });
        }
        this.later(object.id, this.opts.gatherDelayMs, () => {
          for (const c of candidates) this.graph.emit(object.id, "IceCandidateFound", { candidate: complex("IceCandidate", c) });
          this.graph.emit(object.id, "IceGatheringDone");
          this.maybeFlowing(object);
        });
        return undefined;
      }
      case "addIceCandidate": {
        // WebRtcEndpointImpl.cpp: an empty candidate (end of candidates) and one that
        // does not parse are ignored without an error; only parseable ones are kept.
        const c = params.candidate as IceCandidate;
        if (!/^(a=)?candidate:\S+ \d+ (udp|tcp) \d+ \S+ \d+ typ \S+/i.test(c.candidate)) return undefined;
        state.remoteCandidates.push({ candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex });
        this.maybeFlowing(object);
        return undefined;
      }
      case "createDataChannel":
        if (object.params.useDataChannels !== true) {
          throw new KmsError("MEDIA_OBJECT_OPERATION_NOT_SUPPORTED", "Data channels are not supported");
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /**
   * When an endpoint is negotiated and (for WebRTC) ICE ran both ways, emit
   * once what KMS emits when media starts: IceComponentStateChanged,
   * NewCandidatePairSelected, ConnectionStateChanged, MediaStateChanged,
   * MediaFlowInStateChanged per received media.
   */
  private maybeFlowing(object: MediaObjectRecord): void {
    if (!this.opts.simulateMediaFlow || this.flowing.has(object.id) || !this.graph.has(object.id)) return;
    const s = object.state;
    if (s.localSdp === undefined || s.remoteSdp === undefined) return;
    const webrtc = this.schema.isA(object.type, "WebRtcEndpoint");
    if (webrtc && (!s.gathered || s.remoteCandidates.length === 0)) return;
    this.flowing.add(object.id);
    this.later(object.id, 0, () => {
      const id = object.id;
      const pairs = this.candidatePairs(object);
      if (webrtc && pairs.length > 0) {
        // Order and shapes as a real KMS 7 emits them: streamId 1 (a number here), a string in the pair.
        for (const componentId of ICE_COMPONENTS) {
          const event = { streamId: Number(ICE_STREAM_ID), componentId };
          this.graph.emit(id, "IceComponentStateChanged", { ...event, state: "CONNECTING" });
          const pair = pairs.find((p) => p.componentId === componentId);
          if (pair) this.graph.emit(id, "NewCandidatePairSelected", { candidatePair: pair });
          this.graph.emit(id, "IceComponentStateChanged", { ...event, state: "CONNECTED" });
          this.graph.emit(id, "IceComponentStateChanged", { ...event, state: "READY" });
        }
        this.graph.emit(id, "DtlsConnectionStateChange", {
          streamId: ICE_STREAM_ID,
          componentId: "1",
          connectionId: id,
          state: "CONNECTED",
        });
      }
      this.graph.emit(id, "ConnectionStateChanged", { oldState: "DISCONNECTED", newState: "CONNECTED" });
      const received = receivedMedia(s.remoteSdp ?? "");
      this.flowingIn.set(id, new Set(received));
      for (const mediaType of received) {
        this.graph.emit(id, "MediaFlowInStateChanged", { state: "FLOWING", padName: "default", mediaType });
      }
      this.graph.emit(id, "MediaStateChanged", { oldState: "DISCONNECTED", newState: "CONNECTED" });
      this.mixFrom(id);
    });
  }

  /**
   * A Composite mixes once one of its HubPorts receives flowing media; then
   * every HubPort of it sends the mix out: MediaFlowOutStateChanged FLOWING
   * (AUDIO, VIDEO) once per port, as KMS reports media leaving an element.
   */
  private mixFrom(sourceId: string): void {
    for (const c of this.graph.connectionsFrom(sourceId)) this.mixIfFlowing(c.sink);
  }

  /** If `portId` is a HubPort whose Composite has a flowing input, every port of that Composite flows out. */
  private mixIfFlowing(portId: string): void {
    if (this.flowingOut.get(portId)?.has("VIDEO")) return; // this port already sends the mix
    const port = this.graph.get(portId);
    if (!port || !port.parent || !this.schema.isA(port.type, "HubPort")) return;
    const ports = this.graph.childrenOf(port.parent).filter((o) => this.schema.isA(o.type, "HubPort"));
    const sourceFlowing = (id: string) => (this.flowingIn.get(id)?.size ?? 0) > 0 || (this.flowingOut.get(id)?.has("VIDEO") ?? false);
    if (!ports.some((p) => this.graph.connectionsTo(p.id).some((c) => c.source !== p.id && !ports.some((q) => q.id === c.source) && sourceFlowing(c.source)))) return;
    for (const p of ports) {
      if (this.flowingOut.get(p.id)?.has("VIDEO")) continue;
      this.flowingOut.set(p.id, new Set<MediaType>(["AUDIO", "VIDEO"]));
      for (const mediaType of ["AUDIO", "VIDEO"]) this.graph.emit(p.id, "MediaFlowOutStateChanged", { state: "FLOWING", padName: "default", mediaType });
    }
  }

  /**
   * The selected ICE candidate pair per component once an endpoint "connected":
   * `IceCandidatePair {streamId, componentId, localCandidate, remoteCandidate}`
   * (elements.kmd.json), empty before.
   */
  private candidatePairs(object: MediaObjectRecord): Array<Record<string, unknown>> {
    if (!this.flowing.has(object.id)) return [];
    const s = object.state;
    const local = s.localCandidates[0];
    const remote = s.remoteCandidates[0];
    if (!local || !remote) return [];
    return ICE_COMPONENTS.map((componentId) =>
      complex("IceCandidatePair", {
        streamId: ICE_STREAM_ID,
        componentId,
        localCandidate: withComponent(local.candidate, componentId),
        remoteCandidate: withComponent(remote.candidate, componentId),
      }),
    );
  }

  // ---- PlayerEndpoint -----------------------------------------------------------

  private positionMs(object: MediaObjectRecord): number {
    const started = this.playStartedAt.get(object.id);
    const base = object.state.positionMs ?? 0;
    return started === undefined ? base : base + (Date.now() - started);
  }

  private player(object: MediaObjectRecord, name: string): unknown {
    const state = object.state;
    const setState = (next: "STOP" | "START" | "PAUSE"): void => {
      if (state.uriState === next) return;
      state.uriState = next;
      this.graph.emit(object.id, "UriEndpointStateChanged", { state: next });
    };
    switch (name) {
      case "play": {
        if (state.uriState === "START") return undefined;
        this.playStartedAt.set(object.id, Date.now());
        setState("START");
        this.flowingOut.set(object.id, new Set<MediaType>(["AUDIO", "VIDEO"]));
        for (const mediaType of ["AUDIO", "VIDEO"]) {
          this.graph.emit(object.id, "MediaFlowOutStateChanged", { state: "FLOWING", padName: "default", mediaType });
        }
        this.mixFrom(object.id);
        if (this.opts.playerDurationMs !== undefined) {
          const remaining = Math.max(0, this.opts.playerDurationMs - (state.positionMs ?? 0));
          this.later(object.id, remaining, () => {
            if (state.uriState !== "START") return;
            this.playStartedAt.delete(object.id);
            state.positionMs = this.opts.playerDurationMs;
            setState("STOP");
            this.graph.emit(object.id, "EndOfStream");
          });
        }
        return undefined;
      }
      case "pause":
        state.positionMs = this.positionMs(object);
        this.playStartedAt.delete(object.id);
        this.cancelTimers(object.id);
        setState("PAUSE");
        return undefined;
      case "stop":
        state.positionMs = 0;
        this.playStartedAt.delete(object.id);
        this.cancelTimers(object.id);
        setState("STOP");
        return undefined;
      default:
        return undefined;
    }
  }

  // ---- timers -----------------------------------------------------------------

  private later(id: string, ms: number, fn: () => void): void {
    const set = this.timers.get(id) ?? new Set<NodeJS.Timeout>();
    this.timers.set(id, set);
    const t = setTimeout(() => {
      set.delete(t);
      if (this.graph.has(id)) fn();
    }, ms);
    set.add(t);
  }

  private cancelTimers(id: string): void {
    for (const t of this.timers.get(id) ?? []) clearTimeout(t);
    this.timers.delete(id);
  }
}

/** The candidate line for another ICE component (`candidate:<foundation> <component> ...`). */
function withComponent(candidate: string, componentId: number): string {
  return candidate.replace(/^(a=)?(candidate:\S+) \d+ /, `$2 ${componentId} `);
}

function receivedMedia(remoteSdp: string): MediaType[] {
  try {
    return parseSdp(remoteSdp)
      .media.filter((m) => m.port !== 0 && (m.kind === "audio" || m.kind === "video"))
      .filter((m) => !m.attributes.includes("recvonly") && !m.attributes.includes("inactive"))
      .map((m) => (m.kind === "audio" ? "AUDIO" : "VIDEO"));
  } catch {
    return [];
  }
}

/** Zero value of a kmd type for getters and methods the fake does not model. */
export function defaultValue(type: string | undefined): unknown {
  if (type === undefined) return undefined;
  if (type.endsWith("[]")) return [];
  if (type.endsWith("<>")) return {};
  switch (type) {
    case "String":
      return "";
    case "int":
    case "int64":
    case "float":
    case "double":
      return 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}
