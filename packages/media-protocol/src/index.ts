/**
 * @limelight/media-protocol: the socket.io contract between browsers (studio,
 * watch page) and the media service: typed event maps and zod schemas of every
 * payload and ack. Shared by apps/media and apps/web.
 */
export * from "./payloads";
export * from "./events";
export * from "./requests";
