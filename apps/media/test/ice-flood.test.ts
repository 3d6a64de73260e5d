/**
 * A socket flooding ICE candidates: the media node (its own process, as in
 * production) takes 50 per offer, refuses the rest with TOO_LARGE, and its
 * resident memory grows by less than 20 MB over 100,000 candidates.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { freePort, repoRoot, spawnLogged, waitFor } from "@limelight/testkit";
import { client, type ClientSocket, HOST_OFFER, INTERNAL_SECRET, request, SECRET, seed, type Seed, token, VIEWER_OFFER } from "./fixtures";

type Raw = { emit(event: string, ...args: unknown[]): void };
const rawRequest = (socket: ClientSocket, event: string, payload: unknown): Promise<unknown> =>
  new Promise((resolve) => (socket as unknown as Raw).emit(event, payload, resolve));

/** Resident set size of a process, bytes (/proc/<pid>/status VmRSS). */
function rss(pid: number): number {
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

describe("ICE candidate flood", () => {
  let kms: FakeKms;
  let s: Seed;
  let media: ReturnType<typeof spawnLogged>;
  let url: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(1);
    const port = await freePort();
    media = spawnLogged(process.execPath, ["--import", "tsx", "apps/media/src/main.ts"], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        NODE_ENV: "test",
        MEDIA_PORT: String(port),
        MEDIA_HOST: "127.0.0.1",
        DATABASE_URL: s.dbUrl,
        ACCESS_TOKEN_SECRET: SECRET,
        INTERNAL_API_SECRET: INTERNAL_SECRET,
        KMS_URLS: kms.url,
        PROGRAM_PUBLISH: "false",
        LOG_LEVEL: "warn",
      },
    });
    url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/health`).catch(() => null))?.ok === true, 60_000, 200, "media node");
  });

  afterAll(async () => {
    for (const x of sockets) x.close();
    await media?.stop();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("takes 50 candidates per offer, refuses the rest, and keeps the node's memory bounded over 100,000", async () => {
    const host = await client(url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    const viewer = await client(url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(host, viewer);
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    expect(await request(viewer, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    const candidate = (i: number) => ({ candidate: { candidate: `candidate:${i} 1 udp 2122260223 192.0.2.${i % 250} ${10_000 + (i % 50_000)} typ host`, sdpMid: "0", sdpMLineIndex: 0 } });
    const flood = async (from: number, count: number, batch = 1_000): Promise<Map<string, number>> => {
      const codes = new Map<string, number>();
      for (let start = from; start < from + count; start += batch) {
        const acks = await Promise.all(Array.from({ length: batch }, (_, j) => rawRequest(viewer, "ice:candidate", candidate(start + j))));
        for (const a of acks as Array<{ ok?: true; error?: { code: string } }>) {
          const code = a.ok ? "ok" : (a.error?.code ?? "?");
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
      }
      return codes;
    };
    // Warm-up: the node's heap and socket buffers reach their working size before the measured flood.
    const warm = await flood(0, 20_000);
    expect(warm.get("ok")).toBe(50);
    expect(warm.get("TOO_LARGE")).toBe(19_950);
    const pid = media.child.pid as number;
    const before = rss(pid);
    const codes = await flood(20_000, 100_000);
    expect(codes.get("TOO_LARGE")).toBe(100_000);
    // Retained memory, not garbage the collector has yet to return: the growth settles below the bound
    // (an unbounded queue keeps every candidate, tens of MB for 100,000).
    let growth = rss(pid) - before;
    await expect.poll(() => (growth = rss(pid) - before), { timeout: 20_000, interval: 500 }).toBeLessThan(20 * 1024 * 1024);
    // Kurento got no more than the bound
    const endpoint = kms.graph.ofType("WebRtcEndpoint").find((e) => e.params.sendonly === true);
    expect(endpoint?.state.remoteCandidates.length ?? 0).toBeLessThanOrEqual(50);
    console.info(`ice-flood: media node RSS ${(before / 1048576).toFixed(1)} MB before, growth ${(growth / 1048576).toFixed(1)} MB over 100,000 candidates`);
  }, 300_000);
});
