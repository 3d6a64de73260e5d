/**
 * The admin's view of the media node's /health: a degraded node with a
 * frozen program names the show and how long it has been frozen; a node
 * that does not answer is "unreachable", never an exception.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@limelight/testkit";
import { HttpMediaHealth } from "./media-health";

describe("media health for the admin", () => {
  let server: Server;
  let url: string;
  let body: unknown;
  let status = 200;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("names the shows whose program is frozen", async () => {
    body = {
      ok: true,
      status: "degraded",
      reason: "Program frozen (no video flowing) in: ev1 (12 s)",
      kms: [],
      frozenPrograms: [{ eventId: "ev1", frozenSince: "2026-12-07T03:00:00.000Z", frozenForMs: 12_000 }],
    };
    expect(await new HttpMediaHealth(url).read()).toEqual({
      status: "degraded",
      reason: "Program frozen (no video flowing) in: ev1 (12 s)",
      frozenPrograms: [{ eventId: "ev1", frozenSince: new Date("2026-12-07T03:00:00.000Z"), frozenForMs: 12_000 }],
    });
  });

  it("reports a node without a usable Kurento as down with its reason", async () => {
    status = 503;
    body = { ok: false, status: "down", reason: "No media server usable (ws://kms:8888: timeout)", kms: [], frozenPrograms: [] };
    expect(await new HttpMediaHealth(url).read()).toMatchObject({ status: "down", reason: "No media server usable (ws://kms:8888: timeout)" });
  });

  it("reports a node that does not answer as unreachable", async () => {
    const port = await freePort();
    expect(await new HttpMediaHealth(`http://127.0.0.1:${port}`).read()).toMatchObject({ status: "unreachable", frozenPrograms: [] });
  });
});
