/**
 * @limelight/contracts: the wire contracts of Limelight, as zod schemas with
 * types inferred from them. One source for both sides of every boundary:
 * - HTTP: the body, path parameters and reply of every API route of apps/web
 *   (src/http/, listed in HTTP_CONTRACTS), and the error body of every reply;
 * - socket.io: every request, ack and server event between the browser
 *   (studio, watch page) and apps/media (src/socket/), with the typed event
 *   maps `ClientToServerEvents` / `ServerToClientEvents`.
 * Servers parse what they receive, browsers parse what they receive.
 */
export * from "./error-body";
export * from "./socket/payloads";
export * from "./socket/requests";
export * from "./socket/acks";
export * from "./socket/server-events";
export type * from "./socket/events";
export * from "./http/access-token";
export * from "./http/checkout";
export * from "./http/event-status";
export * from "./http/health";
export * from "./http/media-internal";
export * from "./http/poster";
export * from "./http/rtmp";
export * from "./http/test-checkout";
export * from "./http/watch";
export * from "./http/routes";
