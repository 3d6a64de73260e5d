/**
 * Hosts of a show: each has its own HubPort on the Composite both ways (its
 * camera in, the program back). A leaving host is disconnected at once and
 * its HubPort released after a delay (Kurento #421); a dropped host keeps its
 * slot for the rejoin grace. A host whose video stops flowing is shown to
 * the others as reconnecting.
 */
import { AppError } from "@limelight/domain";
import { assignHostSlot } from "@limelight/domain/show/host-slots";
import { type MediaRef, type MediaServer } from "../media-server";
import { iceUfragOf, inIceSession, negotiate } from "./peer-negotiation";
import { type ShowContext } from "./show-context";
import { dropTimerKey, type HostEntry } from "./show-roster";
import { type LiveState } from "./show-state";

/** Timer key (in the live state's TimerBag) of a host's media-flow stall. */
const stallTimerKey = (userId: string): string => `stall:${userId}`;

/**
 * A host's camera (SDP offer) into the Composite, the program back: keeps
 * the host's slot on rejoin, else takes the lowest free one. The show must
 * be live (LiveShow opens it first). Returns the SDP answer and the slot.
 * Throws AppError HOSTS_FULL, EVENT_NOT_LIVE, MEDIA_SERVER_UNAVAILABLE, INVALID_ARGUMENT.
 */
export async function publishHostMedia(ctx: ShowContext, input: { peerId: string; userId: string; name: string; sdpOffer: string }): Promise<{ sdpAnswer: string; slot: number }> {
  const live = ctx.requireLive();
  const { graph, roster } = live;
  const { server, pipeline, composite } = graph;
  const now = Date.now();
  roster.expireDroppedHosts(now, ctx.settings.hostRejoinGraceMs);
  const { slot } = assignHostSlot([...roster.hosts.values()], input.userId, now, ctx.settings.hostRejoinGraceMs);
  let entry = roster.hosts.get(input.userId);
  if (entry && entry.peerId && entry.peerId !== input.peerId) ctx.observer.takenOver(entry.peerId);
  const created = !entry;
  if (!entry) {
    entry = { slot, userId: input.userId, name: input.name, peerId: input.peerId, hubPort: null, endpoint: null, pending: [], received: 0, iceUfrag: null, droppedAt: null, mediaStalled: false };
    roster.hosts.set(input.userId, entry);
  }
  const samePeer = entry.peerId === input.peerId;
  entry.peerId = input.peerId;
  entry.droppedAt = null;
  // Candidates queued for an earlier offer (another socket, or another ICE session of this one) are not this offer's.
  const iceUfrag = iceUfragOf(input.sdpOffer);
  entry.pending = samePeer ? entry.pending.filter((candidate) => inIceSession(candidate, iceUfrag)) : [];
  entry.iceUfrag = iceUfrag;
  entry.received = entry.pending.length;
  roster.timers.clear(dropTimerKey(input.userId));
  const oldEndpoint = entry.endpoint;
  entry.endpoint = null;
  let endpoint: MediaRef | null = null;
  try {
    if (oldEndpoint) await detachAndRelease(server, oldEndpoint, entry.hubPort);
    entry.hubPort ??= await server.createHubPort(composite);
    endpoint = await server.createWebRtcEndpoint(pipeline, {});
    await server.connect(endpoint, entry.hubPort);
    await server.connect(entry.hubPort, endpoint);
    await watchHostFlow(ctx, live, endpoint, entry);
    const sdpAnswer = await negotiate(ctx, server, endpoint, input.peerId, input.sdpOffer, entry);
    if (!ctx.stillLive(graph) || entry.peerId !== input.peerId) throw new AppError("MEDIA_SERVER_UNAVAILABLE", "The show was rebuilt; send a new offer");
    ctx.touchEmptyTimer();
    ctx.observer.stateChanged();
    return { sdpAnswer, slot: entry.slot };
  } catch (error) {
    if (entry.endpoint === endpoint) entry.endpoint = null;
    if (endpoint) await server.release(endpoint).catch(() => undefined);
    if (created && roster.hosts.get(input.userId) === entry && entry.endpoint === null) roster.hosts.delete(input.userId);
    throw ctx.mediaError(error);
  }
}

/**
 * A host leaves (`dropped: false`, slot freed now) or its socket dropped
 * (`dropped: true`, slot kept for the rejoin grace, ms). Its WebRtcEndpoint
 * is disconnected and released at once; its HubPort after the release delay.
 * Ignored when `peerId` is not the host's current socket.
 */
export async function removeHostMedia(ctx: ShowContext, userId: string, peerId: string, dropped: boolean): Promise<void> {
  const roster = ctx.roster();
  const entry = roster?.hosts.get(userId);
  if (!roster || !entry || entry.peerId !== peerId) return;
  const live = ctx.liveState();
  const endpoint = entry.endpoint;
  const hubPort = entry.hubPort;
  live?.timers.clear(stallTimerKey(userId));
  entry.mediaStalled = false;
  entry.endpoint = null;
  entry.peerId = null;
  entry.pending = [];
  entry.received = 0;
  entry.iceUfrag = null;
  if (dropped) {
    entry.droppedAt = Date.now();
    roster.timers.set(dropTimerKey(userId), ctx.settings.hostRejoinGraceMs, () => {
      if (roster.hosts.get(userId) !== entry || entry.peerId !== null) return;
      roster.hosts.delete(userId);
      const leftover = entry.hubPort;
      entry.hubPort = null;
      const now = ctx.liveState();
      if (leftover && now) void now.graph.server.release(leftover).catch(() => undefined);
      ctx.observer.stateChanged();
    });
  } else {
    roster.hosts.delete(userId);
  }
  if (live) {
    const server = live.graph.server;
    if (endpoint) await detachAndRelease(server, endpoint, hubPort);
    if (hubPort) {
      if (dropped) {
        // Kept for a quick rejoin; released after the delay unless the host is back.
        live.timers.after(ctx.settings.hubPortReleaseDelayMs, () => {
          if (entry.peerId === null && entry.hubPort === hubPort) {
            entry.hubPort = null;
            void server.release(hubPort).catch(() => undefined);
          }
        });
      } else {
        entry.hubPort = null;
        live.timers.after(ctx.settings.hubPortReleaseDelayMs, () => void server.release(hubPort).catch(() => undefined));
      }
    }
  }
  ctx.touchEmptyTimer();
  ctx.observer.stateChanged();
}

/**
 * Media flow of a host (MediaFlowInStateChanged on its WebRtcEndpoint,
 * https://doc-kurento.readthedocs.io/en/latest/features/events.html): when no
 * video has flowed in for `mediaFlowStallMs` (from the answer, or since
 * NOT_FLOWING) the host is shown to the others as reconnecting; FLOWING
 * clears it. The stall timer belongs to the live state. Best-effort: a
 * server that refuses the subscription is logged.
 */
async function watchHostFlow(ctx: ShowContext, live: LiveState, endpoint: MediaRef, entry: HostEntry): Promise<void> {
  const key = stallTimerKey(entry.userId);
  const stalled = (value: boolean) => {
    if (entry.mediaStalled === value) return;
    entry.mediaStalled = value;
    ctx.observer.stateChanged();
  };
  const arm = () => {
    if (live.timers.has(key)) return;
    live.timers.set(key, ctx.settings.mediaFlowStallMs, () => {
      if (entry.endpoint === endpoint) stalled(true);
    });
  };
  live.timers.clear(key);
  entry.mediaStalled = false;
  arm();
  await live.graph.server
    .subscribe(endpoint, "MediaFlowInStateChanged", (event) => {
      if (entry.endpoint !== endpoint || (event.data.mediaType !== undefined && event.data.mediaType !== "VIDEO")) return;
      if (event.data.state === "FLOWING") {
        live.timers.clear(key);
        stalled(false);
      } else arm();
    })
    .catch((error: unknown) => ctx.log.warn({ err: error }, "could not watch a host's media flow"));
}

/** Disconnects a host's WebRtcEndpoint from its HubPort (both ways) and releases the endpoint. Never throws. */
async function detachAndRelease(server: MediaServer, endpoint: MediaRef, hubPort: MediaRef | null): Promise<void> {
  if (hubPort) {
    await server.disconnect(endpoint, hubPort).catch(() => undefined);
    await server.disconnect(hubPort, endpoint).catch(() => undefined);
  }
  await server.release(endpoint).catch(() => undefined);
}
