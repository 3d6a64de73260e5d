/**
 * The media server as Limelight sees it: a small interface over Kurento's
 * MediaPipeline, Composite, HubPort, WebRtcEndpoint, PlayerEndpoint and
 * RtpEndpoint (https://doc-kurento.readthedocs.io/en/latest/features/kurento_api.html).
 * The real implementation (KurentoMediaServer) takes a kurento-client in its
 * constructor. Every method rejects with MediaServerError on failure or timeout.
 */
import { type IceCandidate } from "@limelight/contracts";

/** Kurento types we create. */
export type MediaObjectType = "MediaPipeline" | "Composite" | "HubPort" | "WebRtcEndpoint" | "PlayerEndpoint" | "RtpEndpoint";

/** A handle to a media object on the server. `id` is the KMS object id. */
export interface MediaRef {
  readonly id: string;
  readonly type: MediaObjectType;
}

/** An event of a media object (IceCandidateFound, EndOfStream, Error, ...); `data` is the KMS event data. */
export interface MediaEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The media server operations Limelight uses. */
export interface MediaServer {
  /** WebSocket URL of this media server (for pinning and logs). */
  readonly url: string;
  /** Creates a MediaPipeline. */
  createPipeline(): Promise<MediaRef>;
  /** Creates a Composite (MCU hub) in `pipeline`. */
  createComposite(pipeline: MediaRef): Promise<MediaRef>;
  /** Creates a HubPort on `composite`. */
  createHubPort(composite: MediaRef): Promise<MediaRef>;
  /** Creates a WebRtcEndpoint. Directions are KMS' view: viewers' endpoints are `sendonly` (KMS sends the program; the browser's offer is recvonly). */
  createWebRtcEndpoint(pipeline: MediaRef, options: { recvonly?: boolean; sendonly?: boolean }): Promise<MediaRef>;
  /** Creates a PlayerEndpoint for `uri` (http(s), rtsp or file). */
  createPlayerEndpoint(pipeline: MediaRef, uri: string): Promise<MediaRef>;
  /** Creates an RtpEndpoint (plain RTP, the bridge to ffmpeg). */
  createRtpEndpoint(pipeline: MediaRef): Promise<MediaRef>;
  /** Connects `source`'s media to `sink` (audio and video). */
  connect(source: MediaRef, sink: MediaRef): Promise<void>;
  /** Disconnects `source` from `sink`. */
  disconnect(source: MediaRef, sink: MediaRef): Promise<void>;
  /** processOffer on a WebRtcEndpoint or RtpEndpoint; returns the SDP answer. */
  processOffer(endpoint: MediaRef, sdpOffer: string): Promise<string>;
  /** Starts ICE gathering; subscribe to IceCandidateFound first. */
  gatherCandidates(endpoint: MediaRef): Promise<void>;
  /** Adds a remote ICE candidate to a WebRtcEndpoint. */
  addIceCandidate(endpoint: MediaRef, candidate: IceCandidate): Promise<void>;
  /** PlayerEndpoint play. */
  play(player: MediaRef): Promise<void>;
  /** PlayerEndpoint stop. */
  stop(player: MediaRef): Promise<void>;
  /** Asks an RTP/WebRTC endpoint's upstream for a keyframe (BaseRtpEndpoint.requestKeyframe). */
  requestKeyframe(endpoint: MediaRef): Promise<void>;
  /**
   * Releases an object (a pipeline releases all its children). A failure is
   * logged (warn, with the object id) and thrown; the object is forgotten
   * either way, so best-effort callers may ignore the rejection.
   */
  release(ref: MediaRef): Promise<void>;
  /** Subscribes to an event type of an object; resolves once KMS confirmed the subscription. */
  subscribe(ref: MediaRef, eventType: string, handler: (event: MediaEvent) => void): Promise<void>;
  /**
   * Tags an object (MediaObject.addTag); used to mark pipelines with the media node that owns them.
   * Best-effort: a server that refuses addTag is logged once and never asked again (resolves);
   * rejects only on a timeout.
   */
  tag(ref: MediaRef, key: string, value: string): Promise<void>;
  /** Liveness probe (ServerManager.getInfo); rejects with MediaServerError (timedOut) when no answer within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  /** Gives up on this connection (hung server): onSessionLost handlers run with `reason`, the connection closes. */
  declareLost(reason: string): void;
  /**
   * Releases every MediaPipeline on the server tagged `key` = `value` (left
   * behind by a crashed or disconnected run of this node: they keep sending
   * RTP to old ports). Returns how many were released.
   */
  sweepPipelines(key: string, value: string): Promise<number>;
  /** Called when the session with the server is lost (KMS restarted: INVALID_SESSION) or the connection failed for good. */
  onSessionLost(handler: (reason: string) => void): void;
  /** Closes the connection. */
  close(): Promise<void>;
}

/**
 * Failure of a media server call. `kmsCode` is the Kurento JSON-RPC error
 * code when the server answered (40101 MEDIA_OBJECT_NOT_FOUND, 40007
 * INVALID_SESSION, ...), undefined for timeouts and connection failures.
 */
export class MediaServerError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    readonly kmsCode: number | undefined,
    readonly timedOut: boolean = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MediaServerError";
  }
}

/** Kurento Protocol error codes meaning "the server no longer knows our objects" (KMS restarted). */
export const SESSION_LOST_CODES: readonly number[] = [40007, 40101];

/** True when `error` says the server lost our session or objects (rebuild the show). */
export function isSessionLost(error: unknown): boolean {
  return error instanceof MediaServerError && error.kmsCode !== undefined && SESSION_LOST_CODES.includes(error.kmsCode);
}
