/**
 * Injected videos of a show: PlayerEndpoint → its own HubPort on the
 * Composite. The URI is checked by the SSRF guard right before Kurento
 * fetches it (create, play, re-attach after a rebuild).
 */
import { AppError } from "@limelight/domain";
import { MAX_INJECTED_VIDEOS } from "@limelight/contracts";
import { type ShowContext } from "./show-context";
import { type VideoEntry } from "./show-roster";
import { type ShowGraph } from "./show-state";

/**
 * Adds a video, stopped until played. `uri` may carry credentials (it goes
 * to Kurento only). Throws AppError EVENT_NOT_LIVE, CONFLICT (more than
 * MAX_INJECTED_VIDEOS), INVALID_ARGUMENT (address refused by the guard), MEDIA_SERVER_UNAVAILABLE.
 */
export async function addInjectedVideo(ctx: ShowContext, video: { id: string; uri: string }): Promise<void> {
  const { graph, roster } = ctx.requireLive();
  if (roster.videos.size >= MAX_INJECTED_VIDEOS) throw new AppError("CONFLICT", `A show can have at most ${MAX_INJECTED_VIDEOS} injected videos; remove one first`);
  const entry: VideoEntry = { id: video.id, uri: video.uri, player: null, hubPort: null, playing: false };
  roster.videos.set(video.id, entry);
  try {
    await attachVideo(ctx, entry, graph);
  } catch (error) {
    roster.videos.delete(video.id);
    throw ctx.mediaError(error);
  }
  ctx.observer.stateChanged();
}

/**
 * Creates the video's PlayerEndpoint and HubPort on `graph` (EndOfStream
 * reported to the observer). Throws what the guard or the media server threw;
 * nothing is left on the server then.
 */
export async function attachVideo(ctx: ShowContext, entry: VideoEntry, graph: ShowGraph): Promise<void> {
  const { server, pipeline, composite } = graph;
  await ctx.settings.playerUriGuard.check(entry.uri);
  const player = await server.createPlayerEndpoint(pipeline, entry.uri);
  try {
    await server.subscribe(player, "EndOfStream", () => {
      entry.playing = false;
      ctx.observer.videoEnded(entry.id);
    });
    const hubPort = await server.createHubPort(composite);
    entry.hubPort = hubPort;
    await server.connect(player, hubPort);
    entry.player = player;
  } catch (error) {
    await server.release(player).catch(() => undefined);
    if (entry.hubPort) await server.release(entry.hubPort).catch(() => undefined);
    entry.hubPort = null;
    throw error;
  }
}

/** Plays (`true`) or stops (`false`) a video. Throws AppError NOT_FOUND for an unknown video, EVENT_NOT_LIVE, MEDIA_SERVER_UNAVAILABLE. */
export async function setInjectedVideoPlaying(ctx: ShowContext, videoId: string, playing: boolean): Promise<void> {
  const { graph, roster } = ctx.requireLive();
  const entry = roster.videos.get(videoId);
  if (!entry?.player) throw new AppError("NOT_FOUND", "No such video in this show");
  if (playing) await ctx.settings.playerUriGuard.check(entry.uri);
  try {
    if (playing) await graph.server.play(entry.player);
    else await graph.server.stop(entry.player);
  } catch (error) {
    throw ctx.mediaError(error);
  }
  entry.playing = playing;
}

/** Removes a video: player disconnected and released, its HubPort released after the delay. Unknown ids are ignored. */
export async function removeInjectedVideo(ctx: ShowContext, videoId: string): Promise<void> {
  const roster = ctx.roster();
  const entry = roster?.videos.get(videoId);
  if (!roster || !entry) return;
  roster.videos.delete(videoId);
  const live = ctx.liveState();
  if (live) {
    const server = live.graph.server;
    if (entry.player) {
      if (entry.hubPort) await server.disconnect(entry.player, entry.hubPort).catch(() => undefined);
      await server.release(entry.player).catch(() => undefined);
    }
    const hubPort = entry.hubPort;
    if (hubPort) live.timers.after(ctx.settings.hubPortReleaseDelayMs, () => void server.release(hubPort).catch(() => undefined));
  }
  ctx.observer.stateChanged();
}

/** Re-attaches every video of the roster on a rebuilt graph (playing ones play again); failures are logged per video. */
export async function reattachVideos(ctx: ShowContext, videos: Iterable<VideoEntry>, graph: ShowGraph): Promise<void> {
  for (const v of videos) {
    try {
      await attachVideo(ctx, v, graph);
      if (v.playing && v.player) await graph.server.play(v.player);
    } catch (error) {
      ctx.log.warn({ err: error, videoId: v.id }, "could not re-attach an injected video");
    }
  }
}
