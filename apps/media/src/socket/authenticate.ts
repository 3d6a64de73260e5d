/**
 * socket.io handshake authentication: the client sends the web app's access
 * token as `auth.token`. The token's role is re-checked against the database:
 * a host must be an EventHost of the event, an admin a User with role admin,
 * a viewer must hold a valid ticket of the event (no WebRTC answer without one).
 * Failures reach the client as `connect_error` with `err.data = {code, message}`.
 */
import { AccessTokenError, type AccessClaims, verifyAccessToken } from "@limelight/access-token";
import { type Db } from "@limelight/db";
import { AppError } from "@limelight/domain";
import { requireWatchableTicket } from "@limelight/domain/show/show-permissions";

/** Verifies the token and the role behind it; returns the claims. Throws AppError UNAUTHENTICATED, TOKEN_EXPIRED, FORBIDDEN, PAYMENT_REQUIRED, NOT_FOUND. */
export async function authenticate(db: Db, token: unknown, secret: string): Promise<AccessClaims> {
  if (typeof token !== "string" || token.length === 0) throw new AppError("UNAUTHENTICATED", "An access token is required (auth.token)");
  let claims: AccessClaims;
  try {
    claims = await verifyAccessToken(token, secret);
  } catch (error) {
    if (error instanceof AccessTokenError && error.reason === "expired") throw new AppError("TOKEN_EXPIRED", "Your access token expired; reload the page");
    throw new AppError("UNAUTHENTICATED", "Invalid access token");
  }
  if (claims.role === "viewer" && claims.ticketId) {
    // One query on the viewer's hot path: a ticket of this event proves the event exists (foreign key).
    const ticket = await findTicket(db, claims.ticketId);
    if (ticket?.eventId === claims.eventId) {
      requireViewerTicket(ticket, claims);
      return claims;
    }
  }
  const event = await db.event.findUnique({ where: { id: claims.eventId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "No such event");
  await requireRoleInEvent(db, claims);
  return claims;
}

type TicketRow = { eventId: string; status: string; userId: string } | null;

function findTicket(db: Db, ticketId: string): Promise<TicketRow> {
  return db.ticket.findUnique({ where: { id: ticketId }, select: { eventId: true, status: true, userId: true } });
}

/** Throws FORBIDDEN when the ticket is someone else's, what requireWatchableTicket throws when it does not admit to the event. */
function requireViewerTicket(ticket: TicketRow, claims: AccessClaims): void {
  if (ticket && ticket.userId !== claims.userId) throw new AppError("FORBIDDEN", "This ticket belongs to someone else");
  requireWatchableTicket(ticket, claims.eventId);
}

/** Re-checks the token's role in the database. Throws FORBIDDEN / PAYMENT_REQUIRED. */
export async function requireRoleInEvent(db: Db, claims: AccessClaims): Promise<void> {
  if (claims.role === "host") {
    const host = await db.eventHost.findUnique({ where: { eventId_userId: { eventId: claims.eventId, userId: claims.userId } } });
    if (!host) throw new AppError("FORBIDDEN", "You are not a host of this show");
    return;
  }
  if (claims.role === "admin") {
    const user = await db.user.findUnique({ where: { id: claims.userId }, select: { role: true } });
    if (user?.role !== "admin") throw new AppError("FORBIDDEN", "Admins only");
    return;
  }
  if (!claims.ticketId) throw new AppError("FORBIDDEN", "A ticket is required to watch this show");
  requireViewerTicket(await findTicket(db, claims.ticketId), claims);
}
