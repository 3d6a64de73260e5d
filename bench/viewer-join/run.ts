/**
 * Bench: N viewers (default 1,000) join one live show on a media node.
 * Each join = socket.io handshake with an access token (JWT verify + ticket
 * lookup in SQLite) + `viewer:watch` (SDP offer → WebRtcEndpoint created,
 * connected from the shared program HubPort, processOffer, gatherCandidates
 * on the fake KMS) → SDP answer. The media node runs as its own process, as
 * its image runs it: `node dist/media/main.mjs`, the esbuild bundle that
 * infra/docker/bundle.mjs writes first (BENCH_MEDIA_FROM_SOURCE=1: the
 * TypeScript source through tsx); clients and the fake KMS run here.
 * BENCH_NODE_FLAGS adds node flags to the media node (e.g. --cpu-prof).
 *
 *   npx tsx bench/viewer-join/run.ts [viewers=1000] [concurrency=50] [warmUp=500]
 *
 * First `warmUp` other viewers join the same show and leave again (not
 * measured; the run waits until the media node counts 0 viewers and KMS
 * holds only the host's endpoint): a media node in production has been
 * running for hours, and a cold one spends about 0.5 ms more CPU per join
 * on the first thousand while V8 compiles its code.
 *
 * Prints joins/s and p50/p90/p99/max latency (ms) of the handshake, the SDP
 * exchange and the whole join; the media node's CPU time per join (ms, user +
 * system from /proc/<pid>/stat while the viewers join, Linux only), this
 * bench process's own (the clients and the fake KMS: its share of the two
 * cores) and the load averages at start and end (the machine may be shared).
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { io as connect, type Socket } from "socket.io-client";
import { signAccessToken } from "@limelight/access-token";
import { createDb } from "@limelight/db";
import { BROWSER_OFFER, startFakeKms, VIEWER_OFFER } from "@limelight/fake-kms";
import { createSqliteDatabase, freePort, repoRoot, spawnLogged, waitFor } from "@limelight/testkit";

const VIEWERS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 50);
/** Viewers who join (and leave) first, unmeasured, so the measured joins meet a warm media node (JIT-compiled, as in production). */
const WARM_UP = Number(process.argv[4] ?? 500);
const SECRET = "bench-access-token-secret-0123456789abcdef";

type Ack = { ok: true; sdpAnswer: string } | { error: { code: string; message: string } };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms); null off Linux. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15 of proc(5)), USER_HZ 100
  } catch {
    return null;
  }
}

const loads = () => loadavg().map((l) => l.toFixed(2)).join(" ");

async function main(): Promise<void> {
  const kms = await startFakeKms();
  const dbUrl = createSqliteDatabase();
  const db = createDb(dbUrl);
  const event = await db.event.create({
    data: { slug: `bench-${randomUUID()}`, title: "Bench", description: "", startsAt: new Date(), durationMinutes: 60, priceCents: 1000, capacity: VIEWERS + WARM_UP + 10, status: "on_sale", streamKey: randomUUID() },
  });
  const host = await db.user.create({ data: { email: `host-${randomUUID()}@bench.test`, name: "Host", passwordHash: "x", role: "performer" } });
  await db.eventHost.create({ data: { eventId: event.id, userId: host.id, shareBps: 10_000 } });
  const viewers: Array<{ userId: string; ticketId: string }> = [];
  const users = Array.from({ length: VIEWERS + WARM_UP }, (_, i) => ({ id: randomUUID(), email: `v${i}-${randomUUID()}@bench.test`, name: `Viewer ${i}`, passwordHash: "x", role: "viewer" }));
  await db.user.createMany({ data: users });
  const tickets = users.map((u) => ({ id: randomUUID(), eventId: event.id, userId: u.id, status: "valid", source: "comp", amountCents: 0, currency: "usd" }));
  await db.ticket.createMany({ data: tickets });
  for (const t of tickets) viewers.push({ userId: t.userId, ticketId: t.id });

  const port = await freePort();
  // BENCH_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the media node.
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  // The media node as its image runs it: the esbuild bundle (infra/docker/bundle.mjs) under plain node.
  // BENCH_MEDIA_FROM_SOURCE=1 runs the TypeScript source through tsx instead (source maps make every
  // captured stack, kurento-client takes one per call, several times dearer).
  const fromSource = process.env.BENCH_MEDIA_FROM_SOURCE === "1";
  if (!fromSource) execFileSync(process.execPath, ["infra/docker/bundle.mjs"], { cwd: repoRoot(), stdio: "inherit" });
  const entry = fromSource ? ["--import", "tsx", "apps/media/src/main.ts"] : ["dist/media/main.mjs"];
  const media = spawnLogged(process.execPath, [...nodeFlags, ...entry], {
    cwd: repoRoot(),
    env: {
      ...process.env,
      MEDIA_PORT: String(port),
      MEDIA_HOST: "127.0.0.1",
      DATABASE_URL: dbUrl,
      ACCESS_TOKEN_SECRET: SECRET,
      KMS_URLS: kms.url,
      PROGRAM_PUBLISH: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      LOCAL_ONLY: "true",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  try {
    await waitFor(async () => (await fetch(`${url}/health`).catch(() => null))?.ok === true, 60_000, 200, "media node");
    const open = (token: string) =>
      new Promise<Socket>((resolve, reject) => {
        const s = connect(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
        s.once("connect", () => resolve(s));
        s.once("connect_error", reject);
      });
    const watch = (s: Socket, event: string, sdpOffer: string) => new Promise<Ack>((resolve) => s.emit(event, { sdpOffer }, resolve));

    const hostSocket = await open(await signAccessToken({ userId: host.id, eventId: event.id, ticketId: null, role: "host", deviceId: randomUUID(), name: "Host" }, SECRET));
    sockets.push(hostSocket);
    const live = await watch(hostSocket, "host:publish", BROWSER_OFFER);
    if (!("ok" in live)) throw new Error(`host could not go live: ${live.error.code}`);

    const allTokens = await Promise.all(viewers.map((v, i) => signAccessToken({ userId: v.userId, eventId: event.id, ticketId: v.ticketId, role: "viewer", deviceId: randomUUID(), name: `Viewer ${i}` }, SECRET)));
    const viewerGauge = async () => Number(/limelight_media_show_webrtc_viewers\{[^}]*\} (\d+)/.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);
    const handshake: number[] = [];
    const exchange: number[] = [];
    const total: number[] = [];
    let failures = 0;
    /** `tokens` join, CONCURRENCY at a time; each join's times are recorded when `record`, and its socket kept in `into`. */
    const joinAll = async (tokens: string[], into: Socket[], record: boolean) => {
      let nextIndex = 0;
      const worker = async () => {
        while (nextIndex < tokens.length) {
          const token = tokens[nextIndex++] as string;
          const t0 = performance.now();
          try {
            const s = await open(token);
            into.push(s);
            const t1 = performance.now();
            const ack = await watch(s, "viewer:watch", VIEWER_OFFER);
            const t2 = performance.now();
            if (!("ok" in ack)) throw new Error(ack.error.code);
            if (!record) continue;
            handshake.push(t1 - t0);
            exchange.push(t2 - t1);
            total.push(t2 - t0);
          } catch (error) {
            if (!record) throw error;
            failures += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };
    if (WARM_UP > 0) {
      const warm: Socket[] = [];
      await joinAll(allTokens.slice(VIEWERS), warm, false);
      for (const s of warm) s.close();
      await waitFor(async () => (await viewerGauge()) === 0 && kms.graph.ofType("WebRtcEndpoint").length === 1, 60_000, 50, "warm-up viewers gone");
    }
    const loadBefore = loads();
    const cpuBefore = cpuMs(media.child.pid);
    const selfBefore = process.cpuUsage();
    const started = performance.now();
    await joinAll(allTokens.slice(0, VIEWERS), sockets, true);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuMs(media.child.pid);
    const self = process.cpuUsage(selfBefore);
    const counted = await viewerGauge();

    const row = (name: string, xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { step: name, p50: percentile(s, 50).toFixed(1), p90: percentile(s, 90).toFixed(1), p99: percentile(s, 99).toFixed(1), max: (s[s.length - 1] ?? NaN).toFixed(1) };
    };
    console.log(`viewer-join: ${VIEWERS} viewers, concurrency ${CONCURRENCY}, fake KMS, SQLite, media node in its own process, warmed up by ${WARM_UP} viewers who joined and left first`);
    console.log(`joins/s: ${(total.length / seconds).toFixed(1)}   ok: ${total.length}   failed: ${failures}   wall: ${seconds.toFixed(2)} s   WebRtcEndpoints in KMS: ${kms.graph.ofType("WebRtcEndpoint").length}   viewers in metrics: ${counted}`);
    const cpuPerJoin = cpuBefore !== null && cpuAfter !== null && total.length > 0 ? ((cpuAfter - cpuBefore) / total.length).toFixed(2) : "n/a";
    const selfPerJoin = total.length > 0 ? ((self.user + self.system) / 1000 / total.length).toFixed(2) : "n/a";
    console.log(`media node CPU per join: ${cpuPerJoin} ms   this bench's process (clients + fake KMS): ${selfPerJoin} ms   load average (1/5/15 min) before: ${loadBefore}   after: ${loads()}`);
    console.table([row("handshake (token + ticket)", handshake), row("SDP exchange (viewer:watch)", exchange), row("join total", total)]);
  } finally {
    for (const s of sockets) s.close();
    await media.stop();
    await kms.stop();
    await db.$disconnect();
  }
}

await main();
