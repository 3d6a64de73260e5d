import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createEvent, createTicket, createUser } from "@limelight/db/seed/factories";
import { verifyAccessToken } from "@limelight/access-token";
import { edgeToken } from "@limelight/edge-token";
import { createSqliteDatabase, freePort } from "@limelight/testkit";
import { formFields, onPublishFormSchema, watchRequestSchema } from "@limelight/contracts";
import { parseInput } from "@limelight/domain";
import { authorizePublish } from "./authorize-publish";
import { HttpMediaStats } from "./media-stats";
import { routeViewer, type RouteViewerConfig } from "./route-viewer";

const edgeSecret = "routing-test-edge-secret-0123456789abcdef";
const accessSecret = "routing-test-access-secret-0123456789abcdef";
const config: RouteViewerConfig = {
  threshold: 50,
  edgeTokenSecret: edgeSecret,
  edgeTokenTtlSeconds: 300,
  accessToken: { secret: accessSecret, ttlSeconds: 600, mediaUrl: "http://media.test" },
};
// Nothing listens on port 9 (discard): the media service is unreachable, so the WebRTC count is unknown.
const unreachableMedia = new HttpMediaStats("http://127.0.0.1:9", "internal-secret-0123", fetch, 500);

/**
 * apps/media's stats endpoint as the web app calls it over HTTP
 * (GET /internal/shows/:eventId/stats with x-internal-secret): each show's
 * WebRTC side is what the test sets in `mediaShows` (the reply has the real
 * endpoint's shape, mediaShowStatsSchema of @limelight/contracts).
 */
const mediaShows = new Map<string, { live: boolean; webrtcViewers: number }>();
let mediaServer: Server;
let media: HttpMediaStats;

let db: Db;
beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  mediaServer = createServer((req, res) => {
    const match = /^\/internal\/shows\/([^/]+)\/stats$/.exec(req.url ?? "");
    const eventId = match ? decodeURIComponent(match[1]!) : "";
    const show = mediaShows.get(eventId);
    if (req.headers["x-internal-secret"] !== "internal-secret-0123") return void res.writeHead(401).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ eventId, live: false, webrtcViewers: 0, hosts: 0, injectedVideos: 0, ...show }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => mediaServer.listen(port, "127.0.0.1", resolve));
  media = new HttpMediaStats(`http://127.0.0.1:${port}`, "internal-secret-0123", fetch, 10_000);
});
afterAll(async () => {
  await new Promise((resolve) => mediaServer?.close(resolve));
  await db?.$disconnect();
});

async function liveShowWithViewer() {
  const { user: performer } = await createUser(db, { role: "performer" });
  const event = await createEvent(db, { status: "live", startsAt: new Date(Date.now() - 60_000), hosts: [{ userId: performer.id, shareBps: 10_000 }] });
  const { user: viewer } = await createUser(db);
  await createTicket(db, { eventId: event.id, userId: viewer.id });
  return { event, viewer, performer };
}

async function edges(rows: { label: string; viewers: number; status?: string }[]) {
  await db.edge.deleteMany({});
  for (const row of rows) {
    await db.edge.create({
      data: { label: row.label, provider: "local", region: "local", plan: "local", hourlyCostCents: 0, status: row.status ?? "ready", baseUrl: `http://${row.label}.test:8081`, viewers: row.viewers },
    });
  }
}

function parseSignedUrl(url: string) {
  const match = /^http:\/\/([^/]+)\/t\/([^/]+)\/(\d+)\/([^/]+)\/([^/]+)\/(.+)$/.exec(url);
  if (!match) throw new Error(`not a signed edge URL: ${url}`);
  const [, host, token, expires, viewerId, streamId, file] = match;
  return { host, token, expiresAt: Number(expires), viewerId: viewerId!, streamId: streamId!, file };
}

describe("routeViewer", () => {
  it("sends a ticket holder to the least-loaded ready edge with a URL the edge accepts for this show only", async () => {
    const { event, viewer } = await liveShowWithViewer();
    await edges([{ label: "edge-a", viewers: 30 }, { label: "edge-b", viewers: 2 }, { label: "edge-c", viewers: 0, status: "booting" }]);
    const route = await routeViewer({ db, mediaStats: unreachableMedia }, { userId: viewer.id, role: "viewer" }, event.id, {}, config);
    if (route.mode !== "hls") throw new Error(`expected hls, got ${route.mode}`);
    const signed = parseSignedUrl(route.url);
    expect(signed.host).toBe("edge-b.test:8081");
    expect(signed.streamId).toBe(event.id);
    expect(signed.file).toBe(`${event.id}.m3u8`);
    expect(signed.token).toBe(edgeToken({ streamId: event.id, viewerId: signed.viewerId, expiresAt: signed.expiresAt }, edgeSecret));
    expect(route.expiresAt).toBe(signed.expiresAt * 1000);
    expect(route.edges.map((u) => parseSignedUrl(u).host)).toEqual(["edge-a.test:8081"]);
  });

  it("keeps the viewer on HLS with the same viewer id when the URL is renewed", async () => {
    const { event, viewer } = await liveShowWithViewer();
    await edges([{ label: "edge-a", viewers: 1 }]);
    const actor = { userId: viewer.id, role: "viewer" as const };
    const first = await routeViewer({ db, mediaStats: unreachableMedia }, actor, event.id, {}, config);
    const renewed = await routeViewer({ db, mediaStats: unreachableMedia }, actor, event.id, { mode: "hls" }, { ...config, now: () => Date.now() + 200_000 });
    if (first.mode !== "hls" || renewed.mode !== "hls") throw new Error("expected hls twice");
    expect(renewed.expiresAt).toBeGreaterThan(first.expiresAt);
    expect(parseSignedUrl(renewed.url).viewerId).toBe(parseSignedUrl(first.url).viewerId);
  });

  it("gives the host a WebRTC access token for the show", async () => {
    const { event, performer } = await liveShowWithViewer();
    await edges([{ label: "edge-a", viewers: 1 }]);
    const route = await routeViewer({ db, mediaStats: unreachableMedia }, { userId: performer.id, role: "performer" }, event.id, {}, config);
    if (route.mode !== "webrtc") throw new Error("expected webrtc");
    const claims = await verifyAccessToken(route.token, accessSecret);
    expect(claims).toMatchObject({ eventId: event.id, role: "host", userId: performer.id });
    expect(route.mediaUrl).toBe("http://media.test");
  });

  it("gives a newcomer WebRTC while the show's WebRTC viewers are under the threshold, HLS from the threshold on", async () => {
    const { event, viewer } = await liveShowWithViewer();
    await edges([{ label: "edge-a", viewers: 0 }]);
    const actor = { userId: viewer.id, role: "viewer" as const };
    mediaShows.set(event.id, { live: true, webrtcViewers: config.threshold - 1 });
    const under = await routeViewer({ db, mediaStats: media }, actor, event.id, {}, config);
    expect(under.mode).toBe("webrtc");
    if (under.mode === "webrtc") expect(await verifyAccessToken(under.token, accessSecret)).toMatchObject({ eventId: event.id, role: "viewer", userId: viewer.id });
    mediaShows.set(event.id, { live: true, webrtcViewers: config.threshold });
    expect((await routeViewer({ db, mediaStats: media }, actor, event.id, {}, config)).mode).toBe("hls");
  });

  it("sends every viewer of a show without a WebRTC program (fed from OBS) to HLS, however few watch", async () => {
    const { event, viewer } = await liveShowWithViewer();
    await edges([{ label: "edge-a", viewers: 0 }]);
    mediaShows.set(event.id, { live: false, webrtcViewers: 0 });
    expect((await routeViewer({ db, mediaStats: media }, { userId: viewer.id, role: "viewer" }, event.id, {}, config)).mode).toBe("hls");
  });

  it("keeps a viewer on the path they are on when renewing: HLS stays HLS under the threshold, WebRTC stays WebRTC over it", async () => {
    const { event, viewer } = await liveShowWithViewer();
    await edges([{ label: "edge-a", viewers: 0 }]);
    const actor = { userId: viewer.id, role: "viewer" as const };
    mediaShows.set(event.id, { live: true, webrtcViewers: 0 });
    expect((await routeViewer({ db, mediaStats: media }, actor, event.id, { mode: "hls" }, config)).mode).toBe("hls");
    mediaShows.set(event.id, { live: true, webrtcViewers: config.threshold + 10 });
    expect((await routeViewer({ db, mediaStats: media }, actor, event.id, { mode: "webrtc" }, config)).mode).toBe("webrtc");
  });

  it("falls back to WebRTC when no edge is ready", async () => {
    const { event, viewer } = await liveShowWithViewer();
    await edges([{ label: "edge-a", viewers: 0, status: "draining" }]);
    mediaShows.set(event.id, { live: true, webrtcViewers: config.threshold + 10 }); // over the threshold: HLS if it could
    const route = await routeViewer({ db, mediaStats: media }, { userId: viewer.id, role: "viewer" }, event.id, {}, config);
    expect(route.mode).toBe("webrtc");
  });

  it("refuses someone without a ticket, and a signed-out visitor", async () => {
    const { event } = await liveShowWithViewer();
    const { user: stranger } = await createUser(db);
    await expect(routeViewer({ db, mediaStats: unreachableMedia }, { userId: stranger.id, role: "viewer" }, event.id, {}, config)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(routeViewer({ db, mediaStats: unreachableMedia }, null, event.id, {}, config)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("rejects an unknown mode in the body (the route's contract, before any use case; over HTTP in contracts-http.browser.test.ts)", () => {
    expect(() => parseInput(watchRequestSchema, { mode: "dash" })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", path: ["mode"] }));
  });
});

describe("replays", () => {
  async function endedShow(replayWindowHours: number, endedMinutesAgo = 30) {
    const { event, viewer, performer } = await liveShowWithViewer();
    const ended = await db.event.update({ where: { id: event.id }, data: { status: "ended", endedAt: new Date(Date.now() - endedMinutesAgo * 60_000), replayWindowHours } });
    return { event: ended, viewer, performer };
  }

  it("sends a ticket holder of an ended show to the replay playlist on the least-loaded edge, while the window is open", async () => {
    const { event, viewer } = await endedShow(48);
    await edges([{ label: "edge-a", viewers: 9 }, { label: "edge-b", viewers: 1 }]);
    const route = await routeViewer({ db, mediaStats: unreachableMedia }, { userId: viewer.id, role: "viewer" }, event.id, {}, config);
    if (route.mode !== "hls") throw new Error(`expected hls, got ${route.mode}`);
    const signed = parseSignedUrl(route.url);
    expect(signed.host).toBe("edge-b.test:8081");
    expect(route.url.endsWith(`/${event.id}/${event.id}_replay/index.m3u8`)).toBe(true);
    expect(signed.token).toBe(edgeToken({ streamId: event.id, viewerId: signed.viewerId, expiresAt: signed.expiresAt }, edgeSecret));
    expect(route.edges.map((u) => parseSignedUrl(u).host)).toEqual(["edge-a.test:8081"]);
    expect(route.replay?.availableUntil).toBe((event.endedAt as Date).getTime() + 48 * 3_600_000);
  });

  it("says when a replay has expired, when a show has none, and when no edge can serve it", async () => {
    const expired = await endedShow(1, 61);
    await edges([{ label: "edge-a", viewers: 0 }]);
    const route = (e: { id: string }, userId: string) => routeViewer({ db, mediaStats: unreachableMedia }, { userId, role: "viewer" }, e.id, {}, config);
    await expect(route(expired.event, expired.viewer.id)).rejects.toMatchObject({ code: "REPLAY_EXPIRED", status: 410 });
    const none = await endedShow(0);
    await expect(route(none.event, none.viewer.id)).rejects.toMatchObject({ code: "REPLAY_UNAVAILABLE" });
    const open = await endedShow(24);
    const { user: stranger } = await createUser(db);
    await expect(route(open.event, stranger.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await edges([{ label: "edge-a", viewers: 0, status: "booting" }]);
    await expect(route(open.event, open.viewer.id)).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE", status: 503 });
  });
});

describe("authorizePublish (nginx-rtmp on_publish)", () => {
  const form = (fields: Record<string, string>) => parseInput(onPublishFormSchema, formFields(new URLSearchParams({ call: "publish", app: "ingest", type: "live", ...fields })));

  it("lets the media bridge publish a live show with the secret, and renames an OBS stream key to the event id", async () => {
    const { event } = await liveShowWithViewer();
    expect(await authorizePublish(db, form({ name: event.id, secret: "publish-secret" }), "publish-secret")).toEqual({ action: "allow", eventId: event.id });
    expect(await authorizePublish(db, form({ name: event.streamKey }), "publish-secret")).toEqual({ action: "rename", eventId: event.id, streamName: event.id, opensShow: false });
  });

  it("refuses a wrong secret, an ended show's key, a key used a day early and a made-up name", async () => {
    const { event } = await liveShowWithViewer();
    const ended = await createEvent(db, { status: "ended" });
    const tomorrow = await createEvent(db, { status: "on_sale", startsAt: new Date(Date.now() + 24 * 3600_000) });
    expect(await authorizePublish(db, form({ name: tomorrow.streamKey }), "publish-secret")).toMatchObject({ action: "refuse", reason: expect.stringContaining("go-live window") });
    expect((await authorizePublish(db, form({ name: event.id, secret: "guess" }), "publish-secret")).action).toBe("refuse");
    expect((await authorizePublish(db, form({ name: ended.streamKey }), "publish-secret")).action).toBe("refuse");
    expect((await authorizePublish(db, form({ name: "nope" }), "publish-secret")).action).toBe("refuse");
    // A stream name that is not one never reaches the rule: the route's contract refuses it (400 with its path).
    expect(() => form({ name: "../etc", secret: "publish-secret" })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", path: ["name"] }));
    expect(() => form({ call: "play", name: event.id })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", path: ["call"] }));
  });
});
