/**
 * How media server failures reach a peer: rejections of what the browser sent
 * become INVALID_ARGUMENT, anything else MEDIA_SERVER_UNAVAILABLE; KMS ICE
 * candidates become RTCIceCandidateInit.
 */
import { AppError } from "@limelight/domain";
import { type IceCandidate } from "@limelight/contracts";
import { type MediaEvent } from "../media-server";

/**
 * Kurento error codes caused by what a browser sent (its SDP offer or ICE
 * candidate), reported to it as INVALID_ARGUMENT rather than a server fault.
 * Codes: kurento-jsonrpc / KMS MediaObject errors (SDP_PARSE_ERROR 40201, ICE_ADD_CANDIDATE_ERROR 40401).
 */
export const PEER_INPUT_ERRORS: Record<number, string> = {
  40201: "The SDP offer could not be parsed",
  40401: "The ICE candidate was rejected",
};

/** Any non-AppError failure while building a show, as MEDIA_SERVER_UNAVAILABLE (cause kept for logs). */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof AppError) return error;
  return new AppError("MEDIA_SERVER_UNAVAILABLE", "The media server is not reachable; retrying", { cause: error });
}

/** Maps a KMS IceCandidateFound event to RTCIceCandidateInit. */
export function toIceCandidate(event: MediaEvent): IceCandidate | null {
  const c = event.data.candidate as { candidate?: unknown; sdpMid?: unknown; sdpMLineIndex?: unknown } | undefined;
  if (!c || typeof c.candidate !== "string") return null;
  return {
    candidate: c.candidate,
    sdpMid: typeof c.sdpMid === "string" ? c.sdpMid : null,
    sdpMLineIndex: typeof c.sdpMLineIndex === "number" ? c.sdpMLineIndex : null,
  };
}
