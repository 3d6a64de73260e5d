/**
 * An encoder show ends by itself once its encoder has been gone for
 * ENCODER_GONE_END_MS, on real parts: the origin from infra/nginx (nginx-rtmp
 * calling the web app's on_publish and on_publish_done handlers over HTTP),
 * ffmpeg as the performer's OBS, SQLite, and a media node whose show room
 * holds a host and a viewer. Short timings: warn after 300 ms, end after 3 s.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, waitFor, type Spawned } from "@limelight/testkit";
import { type ShowEncoderEvent } from "@limelight/contracts";
import { publishTestSource, startOrigin, type RunningOrigin } from "../../../infra/test/stack";
import { answerOnPublish } from "../../web/src/server/routing/on-publish";
import { answerOnPublishDone } from "../../web/src/server/routing/on-publish-done";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, next, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

const publishSecret = "encoder-gone-publish-secret";

describe("a show fed from an encoder that goes away", () => {
  let s: Seed;
  let streamKey: string;
  let server: Server;
  let origin: RunningOrigin;
  let app: MediaApp | undefined;
  const sockets: ClientSocket[] = [];
  const publishers: Spawned[] = [];

  const event = () => s.db.event.findUniqueOrThrow({ where: { id: s.eventId } });
  const publish = () => {
    const child = publishTestSource(`${origin.ingestUrl}/${streamKey}`);
    publishers.push(child);
    return child;
  };

  beforeAll(async () => {
    s = await seed(1);
    streamKey = (await event()).streamKey;
    const port = await freePort();
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const answer = request.url === "/api/rtmp/on-publish-done" ? answerOnPublishDone(s.db, body) : answerOnPublish(s.db, body, publishSecret);
        void answer.then(async (reply) => {
          response.writeHead(reply.status, Object.fromEntries(reply.headers.entries()));
          response.end(Buffer.from(await reply.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    origin = await startOrigin({
      onPublishUrl: `http://127.0.0.1:${port}/api/rtmp/on-publish`,
      onPublishDoneUrl: `http://127.0.0.1:${port}/api/rtmp/on-publish-done`,
      renditions: [{ name: "src", videoKbps: 600, audioKbps: 64 }],
    });
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await app?.close();
    await Promise.all(publishers.map((p) => p.stop()));
    await origin?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await s?.db.$disconnect();
  });

  it("records when the encoder leaves and forgets it when the encoder comes back, leaving the show live", async () => {
    const obs = publish();
    await waitFor(async () => (await event()).status === "live", 30_000, 200, `the stream key to open the show: ${origin.output()} ${obs.output()}`);
    expect((await event()).encoderGoneAt).toBeNull();

    await obs.stop();
    await waitFor(async () => (await event()).encoderGoneAt !== null, 20_000, 200, `on_publish_done to record the encoder's departure: ${origin.output()}`);

    const again = publish();
    await waitFor(async () => (await event()).encoderGoneAt === null, 30_000, 200, `the re-publish to clear it: ${origin.output()} ${again.output()}`);
    expect(await event()).toMatchObject({ status: "live", liveSource: null, endedAt: null });
  });

  it("warns the studio's hosts, then ends the show for everyone once the encoder has been gone the configured time", async () => {
    app = await startMedia(testEnv(s.dbUrl, [], { SHOW_STATUS_POLL_MS: "100", ENCODER_GONE_WARN_MS: "300", ENCODER_GONE_END_MS: "3000" }));
    const host = await client(app.url, await token(s.eventId, s.hosts[0] as Seed["hosts"][0], "host"));
    const viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(host, viewer);
    const hostHeard: ShowEncoderEvent[] = [];
    const viewerHeard: ShowEncoderEvent[] = [];
    host.on("show:encoder", (payload) => hostHeard.push(payload));
    viewer.on("show:encoder", (payload) => viewerHeard.push(payload));
    const ended = next(viewer, "show:ended");

    // The encoder from the previous test is still publishing: a poll has seen the show live, nobody is warned.
    await expect.poll(() => request(viewer, "show:state", {}), { timeout: 10_000, interval: 100 }).toMatchObject({ ok: true, show: { live: true, source: "encoder" } });
    expect(hostHeard).toEqual([]);

    await Promise.all(publishers.map((p) => p.stop()));
    await waitFor(async () => (await event()).encoderGoneAt !== null, 20_000, 200, `on_publish_done: ${origin.output()}`);
    const goneAt = (await event()).encoderGoneAt as Date;
    expect(await ended).toMatchObject({ eventId: s.eventId });
    expect(await event()).toMatchObject({ status: "ended", liveSource: null });
    expect(hostHeard[0]).toEqual({ eventId: s.eventId, status: "gone", goneAt: goneAt.toISOString(), endsAt: new Date(goneAt.getTime() + 3_000).toISOString() });
    expect(viewerHeard).toEqual([]);
  });
});
