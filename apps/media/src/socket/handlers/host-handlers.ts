/** host:publish, host:leave, show:open, show:end. */
import { AppError, isAppError } from "@limelight/domain";
import { requireOpenable, requireShowAction } from "@limelight/domain/show/show-permissions";
import { requireGoLiveWindow } from "@limelight/domain/show/go-live-window";
import { requireOneProgramSource } from "../../show/program-source";
import { type SocketDeps } from "../context";
import { onRequest } from "../on-request";
import { type MediaSocket } from "../rooms";

/** Registers the show lifecycle requests of hosts and admins. */
export function registerHostHandlers(socket: MediaSocket, deps: SocketDeps): void {
  const { claims } = socket.data;
  const { registry, db } = deps;
  const log = deps.logger.child({ eventId: claims.eventId, userId: claims.userId });

  const openShow = async () => {
    if (!registry.get(claims.eventId)?.live) {
      const event = await db.event.findUnique({ where: { id: claims.eventId }, select: { status: true, startsAt: true, durationMinutes: true, liveSource: true } });
      if (!event) throw new AppError("NOT_FOUND", "No such event");
      requireOpenable(event.status);
      requireOneProgramSource(event);
      // An event already marked live (e.g. its media node restarted) is re-opened whatever the clock says.
      if (event.status !== "live") requireGoLiveWindow(event, claims.role, new Date(), deps.goLiveEarlyMs);
    }
    try {
      return await registry.open(claims.eventId);
    } catch (error) {
      if (isAppError(error) && error.code === "MEDIA_SERVER_UNAVAILABLE") socket.emit("media:status", deps.mediaStatus());
      throw error;
    }
  };

  onRequest(socket, "host:publish", log, async ({ sdpOffer }) => {
    requireShowAction(claims.role, "publish");
    await deps.rateLimits.take("negotiation", `${claims.eventId}:${claims.userId}`);
    const show = await openShow();
    return show.publishHost({ peerId: socket.id, userId: claims.userId, name: claims.name, sdpOffer });
  });

  onRequest(socket, "host:leave", log, async () => {
    requireShowAction(claims.role, "publish");
    await registry.get(claims.eventId)?.removeHost(claims.userId, socket.id, false);
  });

  onRequest(socket, "show:open", log, async () => {
    requireShowAction(claims.role, "open");
    await openShow();
    return { show: await registry.state(claims.eventId) };
  });

  onRequest(socket, "show:end", log, async () => {
    requireShowAction(claims.role, "end");
    const show = registry.get(claims.eventId);
    if (show) return void (await show.end(`Ended by ${claims.name}`));
    // No media graph here (a show fed from an encoder, or the node restarted mid-show): still let hosts end it.
    if (!(await registry.endWithoutGraph(claims.eventId, `Ended by ${claims.name}`))) throw new AppError("EVENT_NOT_LIVE", "This show is not live");
  });
}
