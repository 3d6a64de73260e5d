/**
 * SDP offer/answer and trickle ICE between a browser and its WebRtcEndpoint
 * (https://doc-kurento.readthedocs.io/en/latest/features/kurento_api.html#webrtcendpoint).
 */
import { AppError } from "@limelight/domain";
import { type IceCandidate } from "@limelight/contracts";
import { type MediaRef, type MediaServer } from "../media-server";
import { toIceCandidate } from "./media-errors";
import { type ShowContext } from "./show-context";
import { type PeerMedia } from "./show-roster";
import { MAX_ICE_CANDIDATES_PER_OFFER } from "./show-types";

/**
 * Offer/answer on `endpoint`: subscribe IceCandidateFound (before
 * gathering), processOffer, then the endpoint takes the peer's candidates
 * directly (queued ones first) and gathers its own. Returns the SDP answer;
 * throws what the media server threw.
 */
export async function negotiate(ctx: ShowContext, server: MediaServer, endpoint: MediaRef, peerId: string, sdpOffer: string, media: PeerMedia): Promise<string> {
  await server.subscribe(endpoint, "IceCandidateFound", (event) => {
    const candidate = toIceCandidate(event);
    if (candidate) ctx.observer.candidate(peerId, candidate);
  });
  const sdpAnswer = await server.processOffer(endpoint, sdpOffer);
  media.endpoint = endpoint;
  const queued = media.pending.splice(0);
  for (const candidate of queued) await server.addIceCandidate(endpoint, candidate);
  await server.gatherCandidates(endpoint);
  return sdpAnswer;
}

/**
 * The ICE username fragment of an SDP offer: its first `a=ice-ufrag` line
 * (RFC 8839 section 5.4), or null when it has none.
 */
export function iceUfragOf(sdp: string): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] ?? null;
}

/**
 * Whether `candidate` belongs to the ICE session named `iceUfrag`: true
 * unless both are known and differ. The candidate's session is its
 * `usernameFragment` (RTCIceCandidateInit), else the `ufrag` attribute
 * browsers put in the candidate line (RFC 8839 section 5.1 allows extension
 * attributes). A browser that starts a new offer (a new RTCPeerConnection)
 * may still have candidates of the old one on the way.
 */
export function inIceSession(candidate: IceCandidate, iceUfrag: string | null): boolean {
  const own = candidate.usernameFragment ?? / ufrag (\S+)/.exec(candidate.candidate)?.[1] ?? null;
  return iceUfrag === null || own === null || own === iceUfrag;
}

/**
 * A browser ICE candidate for the peer's endpoint. Queued while the endpoint
 * is still negotiating (or the show recovering). At most
 * MAX_ICE_CANDIDATES_PER_OFFER per offer are taken. A candidate of another
 * ICE session than the current offer's (a late one of an earlier offer) is
 * dropped: it would never match this endpoint's ICE credentials. Throws
 * AppError BAD_REQUEST when the peer has no offer in progress, TOO_LARGE
 * past the bound.
 */
export async function addPeerIceCandidate(ctx: ShowContext, peerId: string, candidate: IceCandidate): Promise<void> {
  const media = ctx.roster()?.peer(peerId);
  if (!media) throw new AppError("BAD_REQUEST", "Send an offer before ICE candidates");
  if (!inIceSession(candidate, media.iceUfrag)) return;
  if (media.received >= MAX_ICE_CANDIDATES_PER_OFFER) throw new AppError("TOO_LARGE", `At most ${MAX_ICE_CANDIDATES_PER_OFFER} ICE candidates per offer`);
  media.received += 1;
  const live = ctx.liveState();
  if (!media.endpoint || !live) {
    media.pending.push(candidate);
    return;
  }
  await live.graph.server.addIceCandidate(media.endpoint, candidate).catch((error: unknown) => {
    throw ctx.mediaError(error);
  });
}
