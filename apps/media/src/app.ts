/**
 * Builds a media node from its configuration: HTTP server (health, metrics,
 * internal stats), socket.io (Redis adapter when REDIS_URL is set), KMS pool,
 * show registry, program publisher and tip feed. Used by main.ts and tests.
 */
import { createServer, type Server as HttpServer } from "node:http";
import { type AddressInfo } from "node:net";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import pino, { type Logger } from "pino";
import { createDb, type Db } from "@limelight/db";
import { type IceServer, type MediaStatus } from "@limelight/contracts";
import { type AccessClaims } from "@limelight/access-token";
import { type MediaEnv } from "./env";
import { iceServersFor } from "./turn/turn-credentials";
import { KmsPool, type MediaServerConnector } from "./kurento/kms-pool";
import { connectKurento } from "./kurento/connect-kurento";
import { KurentoMediaServer } from "./kurento/kurento-media-server";
import { routeConsoleToLogger } from "./kurento/console-noise";
import { FfmpegProgramPublisher } from "./program/ffmpeg-program-publisher";
import { poolStatus, ShowRegistry } from "./show/show-registry";
import { EncoderShows } from "./show/encoder-shows";
import { type LeaseRedis, LocalShowOwnership, RedisShowOwnership, type ShowOwnership } from "./show/show-ownership";
import { TipFeed } from "./tips/tip-feed";
import { HlsViewerCounts } from "./show/hls-viewer-counts";
import { installSocketHandlers } from "./socket/connection";
import { ALL_HOSTS_ROOM, hostsRoom, type MediaIo, SHOW_ROOM_PREFIX, showRoom } from "./socket/rooms";
import { createHttpHandler } from "./http/http-handler";
import { createMetrics, type MediaMetrics } from "./http/metrics";
import { AddressPlayerUriGuard } from "./videos/injected-uri-guard";
import { AccessRecheck } from "./access/access-recheck";
import { FlexibleRateLimits, type RateLimits } from "./limits/rate-limits";

/** A running media node. */
export interface MediaApp {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  port: number;
  http: HttpServer;
  io: MediaIo;
  db: Db;
  pool: KmsPool;
  registry: ShowRegistry;
  tips: TipFeed;
  /** HLS viewers per show from the edges' reports (polled while shows are live). */
  hlsViewers: HlsViewerCounts;
  metrics: MediaMetrics;
  logger: Logger;
  /** Ends all shows, closes sockets, KMS connections, Redis and the DB. */
  close(): Promise<void>;
}

/** The kurento-client connector: connect with failAfter and a deadline, wrap in KurentoMediaServer. */
export function kurentoConnector(env: MediaEnv, logger: Logger): MediaServerConnector {
  return async (url) => {
    const client = await connectKurento(url, { failAfter: env.KMS_FAIL_AFTER, timeoutMs: env.KMS_CALL_TIMEOUT_MS });
    return new KurentoMediaServer(client, { url, callTimeoutMs: env.KMS_CALL_TIMEOUT_MS, logger });
  };
}

/**
 * ICE servers for one socket's user: STUN_URLS for everyone, TURN_URLS with a
 * time-limited credential (turn/turn-credentials.ts) for hosts and ticket holders.
 */
export function iceServersFrom(env: MediaEnv): (claims: Pick<AccessClaims, "role" | "ticketId" | "userId">) => IceServer[] {
  const settings = { stunUrls: env.STUN_URLS, turnUrls: env.TURN_URLS, turnSecret: env.TURN_SECRET, turnTtlSeconds: env.TURN_CREDENTIAL_TTL_SECONDS };
  return (claims) => iceServersFor(settings, claims, Date.now());
}

/** Starts a media node listening on MEDIA_HOST:MEDIA_PORT (0 = a free port). */
export async function startMediaApp(env: MediaEnv, options: { logger?: Logger; db?: Db } = {}): Promise<MediaApp> {
  const logger = options.logger ?? pino({ level: env.LOG_LEVEL, base: { service: "media" } });
  routeConsoleToLogger(logger);
  const db = options.db ?? createDb(env.DATABASE_URL);
  const http = createServer();
  const io: MediaIo = new Server(http, {
    cors: { origin: env.MEDIA_CORS_ORIGINS.includes("*") ? true : env.MEDIA_CORS_ORIGINS, credentials: true },
    maxHttpBufferSize: 256 * 1024,
  });
  const redisClients: Array<{ quit(): Promise<unknown> }> = [];
  let ownership: ShowOwnership = new LocalShowOwnership();
  let rateLimits: RateLimits = new FlexibleRateLimits(null);
  if (env.REDIS_URL) {
    const pub = createClient({ url: env.REDIS_URL });
    const sub = pub.duplicate();
    pub.on("error", (error: unknown) => logger.warn({ err: error }, "redis error"));
    sub.on("error", (error: unknown) => logger.warn({ err: error }, "redis error"));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    redisClients.push(pub, sub);
    rateLimits = new FlexibleRateLimits(pub);
    ownership = new RedisShowOwnership(pub as unknown as LeaseRedis, env.MEDIA_NODE_ID, { ttlMs: env.SHOW_LEASE_TTL_MS, logger });
  }
  const pool = new KmsPool(env.KMS_URLS, kurentoConnector(env, logger), {
    retryMs: env.KMS_RETRY_MS,
    logger,
    nodeId: env.MEDIA_NODE_ID,
    watchdog: { intervalMs: env.KMS_PING_INTERVAL_MS, timeoutMs: env.KMS_PING_TIMEOUT_MS },
  });
  const uriGuard = new AddressPlayerUriGuard(env.INJECT_ALLOW_HOSTS);
  const mediaStatus = (): MediaStatus => poolStatus(pool.status);
  const publisher = env.PROGRAM_PUBLISH
    ? new FfmpegProgramPublisher({
        ffmpegPath: env.FFMPEG_PATH,
        originRtmpUrl: env.ORIGIN_RTMP_URL,
        publishSecret: env.ORIGIN_PUBLISH_SECRET,
        hlsFragmentSeconds: env.HLS_FRAGMENT_SECONDS,
        sdpDir: env.PROGRAM_SDP_DIR,
        logger,
      })
    : null;
  const hlsViewers = new HlsViewerCounts({
    db,
    pollMs: env.HLS_VIEWERS_POLL_MS,
    logger,
    changed: (eventIds) => eventIds.filter((id) => registry.get(id) || encoderShows.isLive(id)).forEach((id) => registry.scheduleState(id)),
  });
  const registry = new ShowRegistry({
    hlsViewers,
    io,
    db,
    servers: pool,
    ownership,
    publisher,
    logger,
    settings: {
      nodeId: env.MEDIA_NODE_ID,
      hostRejoinGraceMs: env.HOST_REJOIN_GRACE_MS,
      emptyShowGraceMs: env.EMPTY_SHOW_GRACE_MS,
      hubPortReleaseDelayMs: env.HUBPORT_RELEASE_DELAY_MS,
      mediaFlowStallMs: env.MEDIA_FLOW_STALL_MS,
      programFrozenMs: env.PROGRAM_FROZEN_MS,
      retryMs: env.KMS_RETRY_MS,
      playerUriGuard: uriGuard,
    },
  });
  const tips = new TipFeed({ db, pollMs: env.TIP_POLL_MS, logger, announce: (tip) => io.to(showRoom(tip.eventId)).emit("tip", tip) });
  // Shows fed from OBS: their live state is the Event row; tell their rooms when it changes.
  const encoderShows: EncoderShows = new EncoderShows({
    db,
    pollMs: env.SHOW_STATUS_POLL_MS,
    logger,
    watchedEventIds: () => [...io.of("/").adapter.rooms.keys()].filter((room) => room.startsWith(SHOW_ROOM_PREFIX)).map((room) => room.slice(SHOW_ROOM_PREFIX.length)),
    hasGraph: (eventId) => registry.get(eventId) !== undefined,
    changed: ({ eventId, status, previous }) => {
      if (status === "live") {
        tips.watch(eventId);
        hlsViewers.start();
      } else if (previous === "live" && status === "ended") {
        registry.announceEnded(eventId, "The show has ended");
      }
      // Also on first sight: a page's session:hello may have read the status just before it changed.
      registry.scheduleState(eventId);
    },
    left: (eventId) => {
      if (!registry.get(eventId)) tips.unwatch(eventId);
    },
    encoderGone: { warnMs: env.ENCODER_GONE_WARN_MS, endMs: env.ENCODER_GONE_END_MS },
    encoderChanged: (event) => io.to(hostsRoom(event.eventId)).emit("show:encoder", event),
  });
  encoderShows.start();
  const accessRecheck = new AccessRecheck({ io, db, intervalMs: env.ACCESS_RECHECK_MS, logger });
  accessRecheck.start();
  registry.onOpened((eventId) => tips.watch(eventId));
  registry.onOpened(() => hlsViewers.start());
  registry.onEnded((eventId) => {
    encoderShows.record(eventId, "ended");
    if (registry.all().length === 0 && !encoderShows.anyLive()) hlsViewers.stop();
  });
  registry.onEnded((eventId) => tips.unwatch(eventId));
  pool.onStatus(() => io.to(ALL_HOSTS_ROOM).emit("media:status", mediaStatus()));
  const metrics = createMetrics(registry, pool, { defaultMetrics: env.NODE_ENV === "production" });
  pool.onLost(() => metrics.kmsLost.inc());
  http.on("request", createHttpHandler({ registry, pool, metrics, internalSecret: env.INTERNAL_API_SECRET }));
  installSocketHandlers(
    { io, db, registry, logger, iceServers: iceServersFrom(env), mediaFolder: env.MEDIA_FOLDER, uriGuard, goLiveEarlyMs: env.GO_LIVE_EARLY_MS, rateLimits, mediaStatus, onViewerJoined: () => metrics.viewerJoins.inc() },
    env.ACCESS_TOKEN_SECRET,
  );
  void pool.warmUp();
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(env.MEDIA_PORT, env.MEDIA_HOST, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = env.MEDIA_HOST === "0.0.0.0" ? "127.0.0.1" : env.MEDIA_HOST;
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    port,
    http,
    io,
    db,
    pool,
    registry,
    tips,
    hlsViewers,
    metrics,
    logger,
    async close() {
      if (closed) return;
      closed = true;
      tips.stop();
      hlsViewers.stop();
      encoderShows.stop();
      accessRecheck.stop();
      await registry.endAll("The media service is shutting down");
      await ownership.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pool.close();
      for (const c of redisClients) await c.quit().catch(() => undefined);
      if (!options.db) await db.$disconnect();
    },
  };
}
