/**
 * Access that follows the ticket. A socket's access is proven at the
 * handshake by its signed access token; afterwards:
 *  - at the token's expiry (`exp`, seconds) access is re-checked in the
 *    database: when it no longer holds the socket is told (`access:revoked`)
 *    and disconnected; when it still does (a 10-minute token of a viewer
 *    watching a 2-hour show) the socket stays, followed by the periodic check
 *    (the web client cannot refresh a token over an open socket);
 *  - every `intervalMs` the tickets of every viewer socket on this node are
 *    re-read in ONE query, and the host sockets' EventHost rows in another;
 *    a ticket no longer valid (refunded, revoked, moved to someone else) or a
 *    host removed from the event gets `access:revoked` with the reason, then
 *    the socket is disconnected (its WebRTC endpoint released, the viewer
 *    count drops).
 * Works from the database alone, so the web app needs no change to make a
 * refund or a revocation take effect within one interval.
 */
import { type Logger } from "pino";
import { type Db } from "@limelight/db";
import { isAppError } from "@limelight/domain";
import { IntervalPoll } from "../polling/interval-poll";
import { type MediaIo, type MediaSocket } from "../socket/rooms";

/** Why a socket lost its access (the `access:revoked` payload). */
export interface AccessRevoked {
  code: "TOKEN_EXPIRED" | "PAYMENT_REQUIRED" | "FORBIDDEN";
  message: string;
}

/** Longest delay setTimeout takes (ms); later expiries are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

/** Tells a socket why and disconnects it. */
export function revokeAccess(socket: MediaSocket, reason: AccessRevoked): void {
  socket.emit("access:revoked", reason);
  socket.disconnect(true);
}

/**
 * Arms the expiry timer of a freshly connected socket (cleared when it
 * disconnects). `expiresAt` is the token's `exp` in seconds since the epoch;
 * `recheck` rejects with an AppError (PAYMENT_REQUIRED, FORBIDDEN, ...) when
 * the socket's role no longer holds, and the socket is then revoked.
 */
export function armTokenExpiry(socket: MediaSocket, expiresAt: number, recheck: () => Promise<void>, now: () => number = Date.now): void {
  let timer: NodeJS.Timeout | null = null;
  const arm = () => {
    const delay = expiresAt * 1000 - now();
    if (delay > 0) {
      timer = setTimeout(arm, Math.min(delay, MAX_TIMER_MS));
      timer.unref();
      return;
    }
    timer = null;
    recheck().catch((error: unknown) => {
      if (!socket.connected) return;
      const code = isAppError(error) && (error.code === "PAYMENT_REQUIRED" || error.code === "FORBIDDEN") ? error.code : "TOKEN_EXPIRED";
      const message = isAppError(error) ? `Your access token expired and ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}` : "Your access token expired; reload the page";
      revokeAccess(socket, { code, message });
    });
  };
  arm();
  socket.once("disconnect", () => {
    if (timer) clearTimeout(timer);
  });
}

/** Re-reads the access of every connected viewer and host on this node every `intervalMs`. */
export class AccessRecheck {
  private readonly poll: IntervalPoll<void>;

  constructor(private readonly deps: { io: MediaIo; db: Db; intervalMs: number; logger: Logger }) {
    this.poll = new IntervalPoll<void>(
      deps.intervalMs,
      () => this.checkOnce().catch((error: unknown) => deps.logger.warn({ err: error }, "access re-check failed")),
      undefined,
    );
  }

  /** Starts polling (idempotent). */
  start(): void {
    this.poll.start();
  }

  /** Stops polling. */
  stop(): void {
    this.poll.stop();
  }

  /** One pass: two batched queries, then each socket whose access ended is told and disconnected. */
  async checkOnce(): Promise<void> {
    const sockets = [...this.deps.io.of("/").sockets.values()] as MediaSocket[];
    const viewers = sockets.filter((s) => s.data.claims?.role === "viewer" && s.data.claims.ticketId);
    const hosts = sockets.filter((s) => s.data.claims?.role === "host");
    const ticketIds = [...new Set(viewers.map((s) => s.data.claims.ticketId as string))];
    const [tickets, hostRows] = await Promise.all([
      ticketIds.length ? this.deps.db.ticket.findMany({ where: { id: { in: ticketIds } }, select: { id: true, eventId: true, userId: true, status: true } }) : [],
      hosts.length
        ? this.deps.db.eventHost.findMany({
            where: { OR: hosts.map((s) => ({ eventId: s.data.claims.eventId, userId: s.data.claims.userId })) },
            select: { eventId: true, userId: true },
          })
        : [],
    ]);
    const byId = new Map(tickets.map((t) => [t.id, t]));
    for (const socket of viewers) {
      const { ticketId, eventId, userId } = socket.data.claims;
      const ticket = byId.get(ticketId as string);
      if (!ticket || ticket.eventId !== eventId || ticket.userId !== userId) revokeAccess(socket, { code: "FORBIDDEN", message: "This ticket no longer gives access to the show" });
      else if (ticket.status !== "valid") revokeAccess(socket, { code: "PAYMENT_REQUIRED", message: `Your ticket is ${ticket.status}` });
    }
    const hostKeys = new Set(hostRows.map((h) => `${h.eventId} ${h.userId}`));
    for (const socket of hosts) {
      const { eventId, userId } = socket.data.claims;
      if (!hostKeys.has(`${eventId} ${userId}`)) revokeAccess(socket, { code: "FORBIDDEN", message: "You are no longer a host of this show" });
    }
  }
}
