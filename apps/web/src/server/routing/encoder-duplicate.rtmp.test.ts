/**
 * A second encoder on a live encoder show's stream key, on real parts (the
 * origin from infra/nginx with its /rtmp-stat, ffmpeg publishers, SQLite):
 * nginx-rtmp refuses it ("already publishing") and still reports its
 * departure by on_publish_done; the show's own encoder is still there, so the
 * show must not count as having lost its encoder (it would end by itself
 * ENCODER_GONE_END_MS later). When the show's own encoder leaves, it counts.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createEvent } from "@limelight/db/seed/factories";
import { createSqliteDatabase, freePort, waitFor, type Spawned } from "@limelight/testkit";
import { publishTestSource, startOrigin, type RunningOrigin } from "../../../../../infra/test/stack";
import { answerOnPublish } from "./on-publish";
import { answerOnPublishDone } from "./on-publish-done";
import { HttpOriginPublishers } from "./origin-publishers";

const publishSecret = "rtmp-test-publish-secret";
let db: Db;
let server: Server;
let origin: RunningOrigin;
const publishers: Spawned[] = [];
const calls: { path: string; form: URLSearchParams; status: number }[] = [];

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  const port = await freePort();
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const answer =
        request.url === "/api/rtmp/on-publish-done"
          ? answerOnPublishDone(db, body, undefined, new Date(), new HttpOriginPublishers(`http://${origin.httpAddress}/rtmp-stat`))
          : answerOnPublish(db, body, publishSecret);
      void answer.then(async (a) => {
        calls.push({ path: request.url ?? "", form: new URLSearchParams(body), status: a.status });
        const bytes = Buffer.from(await a.arrayBuffer());
        response.writeHead(a.status, Object.fromEntries(a.headers.entries()));
        response.end(bytes);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  origin = await startOrigin({
    onPublishUrl: `http://127.0.0.1:${port}/api/rtmp/on-publish`,
    onPublishDoneUrl: `http://127.0.0.1:${port}/api/rtmp/on-publish-done`,
    renditions: [{ name: "src", videoKbps: 1000, audioKbps: 96 }],
  });
});

afterAll(async () => {
  await Promise.all(publishers.map((p) => p.stop()));
  await origin?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.$disconnect();
});

function publish(path: string): Spawned {
  const child = publishTestSource(`${origin.ingestUrl}/${path}`);
  publishers.push(child);
  return child;
}

const hlsStatus = async (file: string) => (await fetch(`http://${origin.httpAddress}/hls/${file}`)).status;
const exited = (child: Spawned) => child.child.exitCode !== null || child.child.signalCode !== null;

const doneCalls = () => calls.filter((c) => c.path === "/api/rtmp/on-publish-done");
const eventRow = (id: string) => db.event.findUniqueOrThrow({ where: { id } });

describe("a second encoder on a live show's stream key", () => {
  it("is refused by the origin, and the show keeps its encoder; when its own encoder leaves, the show records it", async () => {
    const event = await createEvent(db, { status: "live" });
    const first = publish(event.streamKey);
    await waitFor(async () => (await hlsStatus(`${event.id}_src/index.m3u8`)) === 200, 30_000, 250, `HLS of ${event.id}: ${origin.output()} ${first.output()}`);

    const second = publish(event.streamKey);
    await waitFor(() => exited(second), 20_000, 200, `the second encoder to be refused: ${second.output()}`);
    await waitFor(() => doneCalls().length >= 1, 20_000, 100, "nginx-rtmp to report the refused encoder's departure");
    expect(doneCalls()[0]?.status).toBe(200);
    expect(exited(first)).toBe(false);
    expect(await eventRow(event.id)).toMatchObject({ status: "live", encoderGoneAt: null });

    await first.stop();
    await waitFor(async () => (await eventRow(event.id)).encoderGoneAt !== null, 20_000, 200, "the show's own encoder's departure to be recorded");
  });
});
