/**
 * Publishing a show's program (the Composite mix) to the HLS origin.
 */
import { type MediaRef, type MediaServer } from "../media-server";

/** A running bridge for one show; `stop()` ends ffmpeg and releases the RtpEndpoint. */
export interface ProgramBridge {
  /** The RtpEndpoint fed from the program HubPort. */
  readonly rtpEndpoint: MediaRef;
  /** Live facts for tests and stats. */
  status(): ProgramBridgeStatus;
  stop(): Promise<void>;
}

/** State of a bridge's ffmpeg. */
export interface ProgramBridgeStatus {
  /** pid of the running ffmpeg, null between restarts or when stopped. */
  pid: number | null;
  /** How many times ffmpeg was (re)started. */
  starts: number;
  /** Path of the .sdp file ffmpeg reads. */
  sdpPath: string;
  /** Arguments of the last ffmpeg start. */
  args: string[];
  /** RTP ports ffmpeg listens on. */
  ports: { audio: number; video: number };
}

/** Starts the program → origin bridge of a show. */
export interface ProgramPublisher {
  /**
   * Creates an RtpEndpoint in `pipeline`, connects `programPort` to it and
   * starts publishing `eventId`. Rejects with MediaServerError when KMS fails.
   */
  start(input: { eventId: string; server: MediaServer; pipeline: MediaRef; programPort: MediaRef }): Promise<ProgramBridge>;
}
