/**
 * Test fixtures for the media service: a seeded SQLite database, signed
 * access tokens, a media node against a fake KMS, typed socket.io clients,
 * and browser-like SDP offers (from @limelight/fake-kms).
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { signAccessToken } from "@limelight/access-token";
import { createDb, type Db } from "@limelight/db";
import { createSqliteDatabase } from "@limelight/testkit";
import { type ClientToServerEvents, type ServerToClientEvents } from "@limelight/contracts";
import { BROWSER_OFFER, VIEWER_OFFER } from "@limelight/fake-kms";
import { loadEnv, type MediaEnv } from "../src/env";
import { startMediaApp, type MediaApp } from "../src/app";

export const SECRET = "test-access-token-secret-0123456789abcdef";
export const INTERNAL_SECRET = "test-internal-secret-123";

/** A typed browser-side socket. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Seeded people and one event with five hosts (shares sum to 10,000 bps). */
export interface Seed {
  db: Db;
  dbUrl: string;
  eventId: string;
  hosts: Array<{ id: string; name: string }>;
  outsider: { id: string; name: string };
  admin: { id: string; name: string };
  viewers: Array<{ id: string; name: string; ticketId: string }>;
  /** A viewer whose ticket was refunded. */
  refunded: { id: string; name: string; ticketId: string };
}

/** Creates a migrated SQLite DB with one on-sale event, 5 hosts, an outsider performer, an admin and `viewerCount` ticket holders. */
export async function seed(viewerCount = 3): Promise<Seed> {
  const dbUrl = createSqliteDatabase();
  const db = createDb(dbUrl);
  const user = (name: string, role: string) => db.user.create({ data: { email: `${name}-${randomUUID()}@example.test`, name, passwordHash: "x", role } });
  const event = await db.event.create({
    data: {
      slug: `show-${randomUUID()}`,
      title: "Test show",
      description: "A test show",
      startsAt: new Date(),
      durationMinutes: 60,
      priceCents: 1500,
      capacity: 5000,
      status: "on_sale",
      streamKey: randomUUID(),
    },
  });
  const hosts = [];
  for (let i = 1; i <= 5; i++) {
    const u = await user(`Host ${i}`, "performer");
    await db.eventHost.create({ data: { eventId: event.id, userId: u.id, shareBps: 2000 } });
    hosts.push({ id: u.id, name: u.name });
  }
  const outsider = await user("Outsider", "performer");
  const admin = await user("Admin", "admin");
  const ticket = async (name: string, status = "valid") => {
    const u = await user(name, "viewer");
    const t = await db.ticket.create({ data: { eventId: event.id, userId: u.id, status, source: "comp", amountCents: 0, currency: "usd" } });
    return { id: u.id, name: u.name, ticketId: t.id };
  };
  const viewers = [];
  for (let i = 1; i <= viewerCount; i++) viewers.push(await ticket(`Viewer ${i}`));
  const refunded = await ticket("Refunded", "refunded");
  return { db, dbUrl, eventId: event.id, hosts, outsider: { id: outsider.id, name: outsider.name }, admin: { id: admin.id, name: admin.name }, viewers, refunded };
}

/** Signs an access token for the event. */
export function token(eventId: string, who: { id: string; name: string; ticketId?: string | null }, role: "viewer" | "host" | "admin", deviceId: string = randomUUID()): Promise<string> {
  return signAccessToken({ userId: who.id, eventId, ticketId: who.ticketId ?? null, role, deviceId, name: who.name }, SECRET);
}

/** Media env for tests: a free port, the given KMS URLs and fast timings; override anything. */
export function testEnv(dbUrl: string, kmsUrls: string[], overrides: Record<string, string> = {}): MediaEnv {
  return loadEnv({
    NODE_ENV: "test",
    MEDIA_PORT: "0",
    MEDIA_HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    ACCESS_TOKEN_SECRET: SECRET,
    INTERNAL_API_SECRET: INTERNAL_SECRET,
    KMS_URLS: kmsUrls.join(","),
    KMS_CALL_TIMEOUT_MS: "3000",
    KMS_FAIL_AFTER: "2",
    KMS_RETRY_MS: "200",
    HOST_REJOIN_GRACE_MS: "5000",
    EMPTY_SHOW_GRACE_MS: "60000",
    HUBPORT_RELEASE_DELAY_MS: "100",
    PROGRAM_PUBLISH: "false",
    TIP_POLL_MS: "100",
    LOG_LEVEL: "silent",
    MEDIA_FOLDER: "/srv/media",
    // The .test names of the tests' videos never resolve (RFC 6761): allow-listed as an operator names its own hosts.
    INJECT_ALLOW_HOSTS: "cdn.example.test,camera.example.test,cam.example.test",
    ...overrides,
  });
}

/** Starts a media node for `env` with a silent logger. */
export function startMedia(env: MediaEnv): Promise<MediaApp> {
  return startMediaApp(env, { logger: pino({ level: process.env.MEDIA_TEST_LOG ?? "silent" }) });
}

/**
 * Connects a socket.io client with `token` (over WebSocket unless `transports`
 * says otherwise; `query` goes into the handshake URL, as the browser's
 * `eventId`); resolves once connected, rejects with the connect_error
 * (err.data = {code, message}).
 */
export function client(url: string, accessToken: string, transports: Array<"websocket" | "polling"> = ["websocket"], query: Record<string, string> = {}): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, { auth: { token: accessToken }, transports, query, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Sends a request and resolves with its ack. */
export function request<E extends keyof ClientToServerEvents>(socket: ClientSocket, event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    (socket.emit as unknown as (e: string, p: unknown, ack: (a: unknown) => void) => void)(event, payload, (ack) => resolve(ack as never));
  });
}

/** Resolves with the next `event` payload on `socket`. */
export function next<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    (socket.once as unknown as (e: string, l: (p: unknown) => void) => void)(event, (p) => resolve(p as never));
  });
}

/** A browser host's offer (camera + mic, sendrecv): the fake KMS's browser-like offer. */
export const HOST_OFFER = BROWSER_OFFER;
/** A browser viewer's offer (recvonly). */
export { VIEWER_OFFER };
