/**
 * WebRTC viewers of a show: each gets a sendonly WebRtcEndpoint fed from the
 * ONE shared program HubPort (a port per viewer costs ~15 % CPU each, docs/kurento.md).
 */
import { AppError } from "@limelight/domain";
import { type MediaRef } from "../media-server";
import { iceUfragOf, inIceSession, negotiate } from "./peer-negotiation";
import { type ShowContext } from "./show-context";
import { type ViewerEntry } from "./show-roster";

/**
 * A viewer's recvonly SDP offer is answered by a sendonly WebRtcEndpoint
 * connected from the program HubPort. Returns the SDP answer. Throws AppError
 * EVENT_NOT_LIVE before the show opens, MEDIA_SERVER_UNAVAILABLE when KMS
 * fails or the graph was rebuilt meanwhile, INVALID_ARGUMENT for an SDP KMS refused.
 */
export async function watchProgram(ctx: ShowContext, input: { peerId: string; userId: string; sdpOffer: string }): Promise<{ sdpAnswer: string }> {
  const { graph, roster } = ctx.requireLive();
  const { server, pipeline, programPort } = graph;
  const old = roster.viewers.get(input.peerId);
  // Candidates queued before this offer count only when they belong to its ICE session.
  const iceUfrag = iceUfragOf(input.sdpOffer);
  const pending = (old?.pending ?? []).filter((candidate) => inIceSession(candidate, iceUfrag));
  const entry: ViewerEntry = { peerId: input.peerId, userId: input.userId, endpoint: null, pending, received: pending.length, iceUfrag };
  roster.viewers.set(input.peerId, entry);
  if (old?.endpoint) await server.release(old.endpoint).catch(() => undefined);
  let endpoint: MediaRef | null = null;
  try {
    endpoint = await server.createWebRtcEndpoint(pipeline, { sendonly: true });
    await server.connect(programPort, endpoint);
    const sdpAnswer = await negotiate(ctx, server, endpoint, input.peerId, input.sdpOffer, entry);
    if (!ctx.stillLive(graph) || roster.viewers.get(input.peerId) !== entry) throw new AppError("MEDIA_SERVER_UNAVAILABLE", "The show was rebuilt; send a new offer");
    ctx.observer.stateChanged();
    return { sdpAnswer };
  } catch (error) {
    entry.endpoint = null;
    if (endpoint) await server.release(endpoint).catch(() => undefined);
    if (roster.viewers.get(input.peerId) === entry) roster.viewers.delete(input.peerId);
    throw ctx.mediaError(error);
  }
}

/** A viewer left: its WebRtcEndpoint is released (when the show is live). */
export async function removeWatcher(ctx: ShowContext, peerId: string): Promise<void> {
  const roster = ctx.roster();
  const entry = roster?.viewers.get(peerId);
  if (!roster || !entry) return;
  roster.viewers.delete(peerId);
  const live = ctx.liveState();
  if (entry.endpoint && live) await live.graph.server.release(entry.endpoint).catch(() => undefined);
  ctx.observer.stateChanged();
}
