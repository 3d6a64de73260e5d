/**
 * socket.io types and room names of the media service. Rooms work across
 * media nodes through the Redis adapter (https://socket.io/docs/v4/redis-adapter/).
 */
import { type Server, type Socket } from "socket.io";
import { type AccessClaims } from "@limelight/access-token";
import { type ClientToServerEvents, type ServerToClientEvents } from "@limelight/contracts";

/** Per-socket data set by the auth middleware. */
export interface SocketData {
  claims: AccessClaims;
}

/** The typed socket.io server. */
export type MediaIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
/** A typed server-side socket. */
export type MediaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Prefix of show room names. */
export const SHOW_ROOM_PREFIX = "show:";

/** Everyone in a show (viewers, hosts, admins). */
export function showRoom(eventId: string): string {
  return `${SHOW_ROOM_PREFIX}${eventId}`;
}

/** Hosts and admins of a show. */
export function hostsRoom(eventId: string): string {
  return `hosts:${eventId}`;
}

/** Hosts and admins of every show on every node (media server status). */
export const ALL_HOSTS_ROOM = "hosts";

/** The sockets of one ticket (one active device per ticket). */
export function ticketRoom(ticketId: string): string {
  return `ticket:${ticketId}`;
}

/** One peer (socket) by its id; LiveShow peer ids are socket ids. */
export function peerRoom(peerId: string): string {
  return peerId;
}
