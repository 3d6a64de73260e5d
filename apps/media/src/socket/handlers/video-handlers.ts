/** video:add, video:play, video:stop, video:remove, video:list. */
import { requireShowAction } from "@limelight/domain/show/show-permissions";
import { addVideo } from "../../videos/add-video";
import { controlVideo, type VideoCommand } from "../../videos/control-video";
import { listVideos } from "../../videos/video-records";
import { type SocketDeps } from "../context";
import { onRequest } from "../on-request";
import { type MediaSocket, showRoom } from "../rooms";

/** Registers the injected video requests of hosts and admins. */
export function registerVideoHandlers(socket: MediaSocket, deps: SocketDeps): void {
  const { claims } = socket.data;
  const { registry, db, io } = deps;
  const log = deps.logger.child({ eventId: claims.eventId, userId: claims.userId });

  onRequest(socket, "video:add", log, async (input) => {
    const video = await addVideo({ db, mediaFolder: deps.mediaFolder, uriGuard: deps.uriGuard }, registry.get(claims.eventId), claims, input);
    io.to(showRoom(claims.eventId)).emit("video:state", video);
    return { video };
  });
  const commands: Array<["video:play" | "video:stop" | "video:remove", VideoCommand]> = [
    ["video:play", "play"],
    ["video:stop", "stop"],
    ["video:remove", "remove"],
  ];
  for (const [event, command] of commands) {
    onRequest(socket, event, log, async ({ videoId }) => {
      const video = await controlVideo(db, registry.get(claims.eventId), claims, videoId, command);
      io.to(showRoom(claims.eventId)).emit("video:state", video);
      return { video };
    });
  }
  onRequest(socket, "video:list", log, async () => {
    requireShowAction(claims.role, "manage-videos");
    return { videos: await listVideos(db, claims.eventId) };
  });
}
