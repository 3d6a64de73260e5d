/**
 * socket.io wiring: handshake authentication, rooms, one active device per
 * ticket, request handlers, and cleanup when a socket leaves.
 */
import { type AppError, toErrorBody } from "@limelight/domain";
import { authenticate, requireRoleInEvent } from "./authenticate";
import { ackUnknownEvents } from "./on-request";
import { armTokenExpiry } from "../access/access-recheck";
import { type SocketDeps } from "./context";
import { registerChatHandlers } from "./handlers/chat-handlers";
import { registerHostHandlers } from "./handlers/host-handlers";
import { registerSessionHandlers } from "./handlers/session-handlers";
import { registerVideoHandlers } from "./handlers/video-handlers";
import { registerViewerHandlers } from "./handlers/viewer-handlers";
import { ALL_HOSTS_ROOM, hostsRoom, type MediaSocket, showRoom, ticketRoom } from "./rooms";

/** Installs the auth middleware and connection handler on `deps.io`. */
export function installSocketHandlers(deps: SocketDeps, accessTokenSecret: string): void {
  const { io, db, logger } = deps;

  io.use((socket, next) => {
    authenticate(db, (socket.handshake.auth as { token?: unknown } | undefined)?.token, accessTokenSecret).then(
      (claims) => {
        socket.data.claims = claims;
        next();
      },
      (error: unknown) => {
        const body = toErrorBody(error as AppError);
        const err = new Error(body.error.message) as Error & { data: unknown };
        err.data = body.error;
        next(err);
      },
    );
  });

  io.on("connection", (socket: MediaSocket) => {
    const { claims } = socket.data;
    void socket.join(showRoom(claims.eventId));
    if (claims.role !== "viewer") void socket.join([hostsRoom(claims.eventId), ALL_HOSTS_ROOM]);
    if (claims.ticketId) {
      // One active device per ticket: the newest socket wins everywhere (all nodes with the Redis adapter).
      const room = ticketRoom(claims.ticketId);
      io.to(room).except(socket.id).emit("session:taken-over", { message: "This ticket was opened on another device" });
      io.in(room).except(socket.id).disconnectSockets(true);
      void socket.join(room);
    }
    armTokenExpiry(socket, claims.expiresAt, () => requireRoleInEvent(db, claims));
    ackUnknownEvents(socket, logger);
    registerSessionHandlers(socket, deps);
    registerHostHandlers(socket, deps);
    registerViewerHandlers(socket, deps);
    registerVideoHandlers(socket, deps);
    registerChatHandlers(socket, deps);
    if (claims.role !== "viewer") {
      const status = deps.mediaStatus();
      if (status.status !== "ok") socket.emit("media:status", status);
    }
    socket.on("disconnect", () => {
      const show = deps.registry.get(claims.eventId);
      if (!show) return;
      const cleanup = claims.role === "viewer" ? show.removeViewer(socket.id) : Promise.all([show.removeHost(claims.userId, socket.id, true), show.removeViewer(socket.id)]);
      cleanup.catch((error: unknown) => logger.warn({ err: error }, "cleanup after disconnect failed"));
    });
  });
}
