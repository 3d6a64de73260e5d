/**
 * nginx-rtmp's callbacks against their contracts over HTTP, in the unit run
 * (the routes' own answer functions behind a plain node:http server, as
 * nginx-rtmp calls them; the built app's routes are covered by
 * test/contracts-http.browser.test.ts): a form that is not the call, or a
 * stream name that is not one, is 400 with the error body of
 * @limelight/contracts naming the zod path, and a malformed call records nothing.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema, onPublishDoneReplySchema } from "@limelight/contracts";
import { createDb, type Db } from "@limelight/db";
import { createEvent } from "@limelight/db/seed/factories";
import { createSqliteDatabase, freePort } from "@limelight/testkit";
import { answerOnPublish } from "./on-publish";
import { answerOnPublishDone } from "./on-publish-done";

let db: Db;
let server: Server;
let base: string;

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const answer = request.url === "/api/rtmp/on-publish-done" ? answerOnPublishDone(db, body) : answerOnPublish(db, body, "rtmp-contract-secret");
      void answer.then(async (res) => {
        response.writeHead(res.status, Object.fromEntries(res.headers.entries()));
        response.end(Buffer.from(await res.arrayBuffer()));
      });
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db?.$disconnect();
});

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

async function errorOf(res: Response): Promise<{ status: number; code: string; path: unknown }> {
  const body = errorBodySchema.parse(await res.json());
  return { status: res.status, code: body.error.code, path: body.error.path };
}

describe("nginx-rtmp callbacks against their contracts", () => {
  it("on_publish: a stream name that is not one, a missing name or another call is 400 at its path", async () => {
    expect(await errorOf(await post("/api/rtmp/on-publish", { call: "publish", app: "ingest", name: "../../x" }))).toEqual({ status: 400, code: "VALIDATION_FAILED", path: ["name"] });
    expect(await errorOf(await post("/api/rtmp/on-publish", { call: "publish", app: "ingest" }))).toEqual({ status: 400, code: "VALIDATION_FAILED", path: ["name"] });
    expect(await errorOf(await post("/api/rtmp/on-publish", { call: "play", app: "ingest", name: "abc" }))).toEqual({ status: 400, code: "VALIDATION_FAILED", path: ["call"] });
  });

  it("on_publish_done: a form of another call is 400 at path call and records nothing; the real call answers the reply contract", async () => {
    const event = await createEvent(db, { status: "live" });
    await db.event.update({ where: { id: event.id }, data: { liveSource: null, encoderGoneAt: null } });
    const gone = () => db.event.findUniqueOrThrow({ where: { id: event.id }, select: { encoderGoneAt: true } });
    expect(await errorOf(await post("/api/rtmp/on-publish-done", { call: "publish", app: "ingest", name: event.streamKey }))).toEqual({ status: 400, code: "VALIDATION_FAILED", path: ["call"] });
    expect((await gone()).encoderGoneAt).toBeNull();
    const good = await post("/api/rtmp/on-publish-done", { call: "publish_done", app: "ingest", name: event.streamKey });
    expect(good.status).toBe(200);
    expect(onPublishDoneReplySchema.parse(await good.json())).toEqual({ recorded: true });
    expect((await gone()).encoderGoneAt).toBeInstanceOf(Date);
  });
});
