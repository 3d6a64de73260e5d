/** What socket handlers need: the server, the registry and configuration. */
import { type Logger } from "pino";
import { type Db } from "@limelight/db";
import { type AccessClaims } from "@limelight/access-token";
import { type IceServer, type MediaStatus } from "@limelight/contracts";
import { type ShowRegistry } from "../show/show-registry";
import { type RateLimits } from "../limits/rate-limits";
import { type MediaIo } from "./rooms";
import { type PlayerUriGuard } from "../videos/injected-uri-guard";

/** Shared dependencies of all socket handlers (one per media node). */
export interface SocketDeps {
  io: MediaIo;
  db: Db;
  registry: ShowRegistry;
  logger: Logger;
  /** STUN/TURN servers for a socket's user (TURN credentials only for hosts and ticket holders). */
  iceServers: (claims: Pick<AccessClaims, "role" | "ticketId" | "userId">) => IceServer[];
  mediaFolder: string;
  /** SSRF guard of injected video URIs. */
  uriGuard: PlayerUriGuard;
  /** How long before an event's start its hosts may go live, ms. */
  goLiveEarlyMs: number;
  /** Chat and SDP offer limits, shared by every node through Redis when there is one. */
  rateLimits: RateLimits;
  /** Called after each viewer got its SDP answer (metrics). */
  onViewerJoined: () => void;
  /** Current reachability of the media servers. */
  mediaStatus: () => MediaStatus;
}
