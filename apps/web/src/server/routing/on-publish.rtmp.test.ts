/**
 * nginx-rtmp's on_publish against our endpoint logic, on real parts: the
 * origin from infra/nginx, ffmpeg publishers, SQLite. A performer's OBS
 * stream key and the media bridge's secret both land on the show's gated
 * HLS stream (named by event id); anything else is refused.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createEvent } from "@limelight/db/seed/factories";
import { createSqliteDatabase, freePort, waitFor, type Spawned } from "@limelight/testkit";
import { publishTestSource, startOrigin, type RunningOrigin } from "../../../../../infra/test/stack";
import { answerOnPublish } from "./on-publish";

const publishSecret = "rtmp-test-publish-secret";
let db: Db;
let server: Server;
let origin: RunningOrigin;
const publishers: Spawned[] = [];
/** Every on_publish answer, in order: the stream name asked for and the HTTP status and body returned. */
const answers: { name: string | null; status: number; body: string }[] = [];

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  const port = await freePort();
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      void answerOnPublish(db, body, publishSecret).then(async (answer) => {
        const bytes = Buffer.from(await answer.arrayBuffer());
        answers.push({ name: new URLSearchParams(body).get("name"), status: answer.status, body: bytes.toString() });
        response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
        response.end(bytes);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  origin = await startOrigin({ onPublishUrl: `http://127.0.0.1:${port}/api/rtmp/on-publish`, renditions: [{ name: "src", videoKbps: 1000, audioKbps: 96 }] });
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

describe("publishing to the origin", () => {
  it("puts a performer's OBS stream (stream key) on the show's HLS stream named by event id", async () => {
    const event = await createEvent(db, { status: "live" });
    const obs = publish(event.streamKey);
    await waitFor(async () => (await hlsStatus(`${event.id}_src/index.m3u8`)) === 200, 30_000, 250, `HLS of ${event.id}: ${origin.output()} ${obs.output()}`);
    expect(await hlsStatus(`${event.id}.m3u8`)).toBe(200);
    expect(await hlsStatus(`${event.streamKey}_src/index.m3u8`)).toBe(404);
    await obs.stop();
  });

  it("opens an on-sale show when the performer starts streaming from OBS inside its go-live window", async () => {
    const event = await createEvent(db, { status: "on_sale", startsAt: new Date(Date.now() + 10 * 60_000) });
    const obs = publish(event.streamKey);
    await waitFor(async () => (await hlsStatus(`${event.id}_src/index.m3u8`)) === 200, 30_000, 250, `HLS of ${event.id}: ${origin.output()} ${obs.output()}`);
    const opened = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(opened.status).toBe("live");
    expect(opened.liveAt).not.toBeNull();
    await obs.stop();
  });

  it("accepts the media bridge with the publish secret and refuses a wrong secret or an ended show's key", async () => {
    const live = await createEvent(db, { status: "live" });
    const ended = await createEvent(db, { status: "ended" });
    const wrongSecret = publish(`${live.id}?secret=not-the-secret`);
    const endedKey = publish(ended.streamKey);
    const madeUp = publish("made-up-stream-name");
    await waitFor(() => exited(wrongSecret) && exited(endedKey) && exited(madeUp), 20_000, 200, "refused publishers to be disconnected");
    expect(await hlsStatus(`${live.id}_src/index.m3u8`)).toBe(404);
    expect(await hlsStatus(`${ended.id}_src/index.m3u8`)).toBe(404);
    expect(await hlsStatus("made-up-stream-name_src/index.m3u8")).toBe(404);

    const bridge = publish(`${live.id}?secret=${publishSecret}`);
    await waitFor(async () => (await hlsStatus(`${live.id}_src/index.m3u8`)) === 200, 30_000, 250, `HLS of ${live.id}: ${bridge.output()}`);
    await bridge.stop();
  });

  it("refuses a performer's OBS stream key while the show is live from the studio, with a conflict, and leaves the show and its bridge running", async () => {
    const studio = await createEvent(db, { status: "live" });
    await db.event.update({ where: { id: studio.id }, data: { liveSource: "studio" } });
    const bridge = publish(`${studio.id}?secret=${publishSecret}`);
    await waitFor(async () => (await hlsStatus(`${studio.id}_src/index.m3u8`)) === 200, 30_000, 250, `HLS of ${studio.id}: ${bridge.output()}`);

    const obs = publish(studio.streamKey);
    await waitFor(() => exited(obs), 20_000, 200, "the encoder to be refused");
    const refusal = answers.find((a) => a.name === studio.streamKey);
    expect(refusal?.status).toBe(409);
    expect(JSON.parse(refusal?.body ?? "{}")).toMatchObject({ error: { code: "CONFLICT", message: expect.stringContaining("live from the studio") } });
    expect(await db.event.findUniqueOrThrow({ where: { id: studio.id } })).toMatchObject({ status: "live", liveSource: "studio", endedAt: null });
    expect(exited(bridge)).toBe(false);
    expect(await hlsStatus(`${studio.id}_src/index.m3u8`)).toBe(200);
    await bridge.stop();
  });
});
