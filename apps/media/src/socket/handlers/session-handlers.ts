/** session:hello and show:state. */
import { type SocketDeps } from "../context";
import { onRequest } from "../on-request";
import { type MediaSocket } from "../rooms";

/** Registers the session requests. */
export function registerSessionHandlers(socket: MediaSocket, deps: SocketDeps): void {
  const { claims } = socket.data;
  const log = deps.logger;
  onRequest(socket, "session:hello", log, async () => ({
    userId: claims.userId,
    name: claims.name,
    role: claims.role,
    eventId: claims.eventId,
    iceServers: deps.iceServers(claims),
    show: await deps.registry.state(claims.eventId),
  }));
  onRequest(socket, "show:state", log, async () => ({ show: await deps.registry.state(claims.eventId) }));
}
