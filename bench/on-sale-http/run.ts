/**
 * On-sale rush through HTTP, the path a browser takes: starts the built
 * apps/web (`next start`) on a real PostgreSQL 15 with Stripe keys (the app's
 * real stripe client pointed at fake-stripe, which answers at once, so the
 * figures are Limelight's own cost), then presses the real Buy button the way
 * its script does (src/components/buy-form.tsx: a same-origin JSON POST to
 * /api/events/<id>/checkout with a signed-in Auth.js session cookie per buyer):
 *   1. closed loop: 500 buyers press Buy at once for 50 seats;
 *   2. closed loop: 500 buyers at once for 500 seats;
 *   3. open loop: 200 Buy requests per second for 30 s (latency measured from
 *      each request's scheduled start, so queueing counts).
 * A warm-up of 50 presses on another show comes first (not reported), then
 * (with --sequential N, default 100) N presses one at a time: the cost of one
 * request without queueing, the steadiest figure on a shared machine.
 * Prints, per run: throughput (checkout starts/s), p50/p99 latency (ms) of
 * starting a checkout, sold-out replies, oversold seats (must be 0), 5xx
 * answers (must be 0), and the machine's 1-minute load average.
 * Needs `npm run build -w @limelight/web` first.
 *
 * Also prints the server's CPU time per request (ms: user+system CPU of the
 * `next start` process group during the run / requests), the figure that
 * stays meaningful when other work shares the cores, and after each closed
 * loop the CPU ms per request of every process on the machine (the server,
 * this bench with fake-stripe, PostgreSQL, the kernel's workers).
 * `--concurrency N` sets the server's CHECKOUT_CONCURRENCY (default: the app's own).
 *
 *   npx tsx bench/on-sale-http/run.ts [--buyers 500] [--rate 200] [--seconds 30] [--pool 20] [--only all|closed|rush|open|none] [--sequential 100] [--concurrency 16] [--cpu-prof DIR] [--node-args=--max-semi-space-size=32]
 * "noAnswer" counts requests that got no HTTP answer at all (connection reset
 * or connect timeout: the server's accept queue overflowed), by cause.
 */
import { Agent, request } from "node:http";
import { loadavg, cpus } from "node:os";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { encode } from "@auth/core/jwt";
import { createDb, type Db } from "@limelight/db";
import { startFakeStripe } from "@limelight/fake-stripe";
import { startPostgres, startWebApp, type WebApp } from "@limelight/testkit";

const { values } = parseArgs({
  options: {
    buyers: { type: "string", default: "500" },
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "30" },
    pool: { type: "string", default: "20" },
    /** Which runs: all, closed (both closed loops), rush (500 seats only), open, none (warm-up and sequential only). */
    only: { type: "string", default: "all" },
    /** Folder for a V8 CPU profile of the server (`node --cpu-prof`), written when it stops. */
    "cpu-prof": { type: "string" },
    /** Extra Node flags for the server process, space-separated (e.g. "--max-semi-space-size=32"). */
    "node-args": { type: "string", default: "" },
    /** Presses one at a time before the rush runs (0: none): latency and CPU per request without queueing. */
    sequential: { type: "string", default: "100" },
    /** The server's CHECKOUT_CONCURRENCY (Buy presses worked on at once); empty: the app's default. */
    concurrency: { type: "string", default: "" },
  },
});
const BUYERS = Number(values.buyers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
/** Buy presses on a separate show before the measured runs (10 at a time). */
const WARM_UP = 50;
const AUTH_SECRET = "bench-on-sale-http-auth-secret-0123456789abcdef";
const COOKIE = "authjs.session-token";

/** One Buy press: latency (ms) and what came back. */
interface Press {
  ms: number;
  outcome: "checkout" | "refused" | "5xx" | "network" | "other";
}

/** Whether an answer that is neither a checkout nor a refusal was printed (the first one only). */
let unexpectedShown = false;

/** Requests that got no HTTP answer, by error code. */
const networkErrors = new Map<string, number>();

/** CPU seconds (user + system) used so far by every process in the process group `pgid` (Linux /proc; 0 elsewhere). */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): state ppid pgrp ... utime(14) stime(15).
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** CPU seconds used so far by every process on the machine, summed by command name (Linux /proc; empty elsewhere). */
function cpuByCommand(): Map<string, number> {
  const byCommand = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return byCommand;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byCommand.set(command, (byCommand.get(command) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended meanwhile.
    }
  }
  return byCommand;
}

/** CPU ms per request of each command that used at least 0.1 ms per request between two cpuByCommand() snapshots. */
function cpuShares(before: Map<string, number>, after: Map<string, number>, requests: number): Record<string, number> {
  const shares: [string, number][] = [];
  for (const [command, seconds] of after) {
    const ms = ((seconds - (before.get(command) ?? 0)) * 1000) / Math.max(1, requests);
    if (ms >= 0.1) shares.push([command, Number(ms.toFixed(1))]);
  }
  return Object.fromEntries(shares.sort((a, b) => b[1] - a[1]));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Creates `n` viewer accounts and a session cookie for each (the JWT Auth.js itself issues, signed with AUTH_SECRET). */
async function buyersWithSessions(db: Db, n: number, tag: string): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => ({ email: `bench-${tag}-${i}@example.test`, name: `Buyer ${i}`, passwordHash: "x", role: "viewer" }));
  await db.user.createMany({ data: rows });
  const users = await db.user.findMany({ where: { email: { startsWith: `bench-${tag}-` } }, select: { id: true, email: true, name: true } });
  return Promise.all(
    users.map(async (u) => {
      const token = await encode({ secret: AUTH_SECRET, salt: COOKIE, token: { sub: u.id, role: "viewer", email: u.email, name: u.name }, maxAge: 3600 });
      return `${COOKIE}=${token}`;
    }),
  );
}

async function seedShow(db: Db, capacity: number, tag: string): Promise<{ eventId: string; slug: string }> {
  const host = await db.user.create({ data: { email: `host-${tag}@example.test`, name: "Host", passwordHash: "x", role: "performer" } });
  const event = await db.event.create({
    data: {
      slug: `rush-${tag}`,
      title: `Rush ${tag}`,
      description: "On-sale bench",
      startsAt: new Date(Date.now() + 86_400_000),
      durationMinutes: 60,
      priceCents: 2500,
      currency: "usd",
      capacity,
      status: "on_sale",
      streamKey: `key-${tag}`,
      hosts: { create: [{ userId: host.id, shareBps: 10_000 }] },
    },
  });
  return { eventId: event.id, slug: event.slug };
}

/**
 * Keep-alive connections for the presses, as a browser keeps them. node:http
 * rather than fetch: this process (load generator and fake Stripe) then uses
 * about a third less CPU per request (1.3 against 1.9–2.6 ms),
 * and this process shares the two cores with what it measures.
 */
const agent = new Agent({ keepAlive: true });

/** POSTs `body` to `url` and resolves with the status and the body as text; rejects when no HTTP answer came (with the socket error's code). */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function press(app: WebApp, eventId: string, cookie: string, scheduledAt = performance.now()): Promise<Press> {
  try {
    // What the Buy button's script sends (src/components/buy-form.tsx): same-origin JSON POST with the session cookie.
    const res = await post(`${app.url}/api/events/${eventId}/checkout`, { cookie, origin: app.url, "content-type": "application/json", accept: "application/json" }, "{}");
    const { text } = res;
    const ms = performance.now() - scheduledAt;
    if (res.status >= 500) return { ms, outcome: "5xx" };
    // A started checkout sends the browser to the Checkout Session's page (the fake Stripe's /c/pay/cs_...).
    if (res.status === 200 && text.includes("/pay/cs_")) return { ms, outcome: "checkout" };
    if (res.status === 409 && /SOLD_OUT|ALREADY_HAS_TICKET|CONFLICT/.test(text)) return { ms, outcome: "refused" };
    if (!unexpectedShown) {
      unexpectedShown = true;
      console.error(`# first unexpected answer (counted as "other"): ${res.status} ${text.slice(0, 300)}`);
    }
    return { ms, outcome: "other" };
  } catch (error) {
    // No HTTP answer at all (connection refused/reset): counted apart from 5xx answers.
    const cause = (error as { code?: string }).code ?? String(error).slice(0, 60);
    networkErrors.set(cause, (networkErrors.get(cause) ?? 0) + 1);
    return { ms: performance.now() - scheduledAt, outcome: "network" };
  }
}

function report(name: string, presses: Press[], wallMs: number, oversold: number, cpuSeconds: number): void {
  const causes = Object.fromEntries(networkErrors);
  networkErrors.clear();
  const started = presses.filter((p) => p.outcome === "checkout").map((p) => p.ms).sort((a, b) => a - b);
  const all = presses.map((p) => p.ms).sort((a, b) => a - b);
  const count = (o: Press["outcome"]) => presses.filter((p) => p.outcome === o).length;
  console.log(
    JSON.stringify({
      run: name,
      requests: presses.length,
      checkoutsStarted: started.length,
      checkoutStartsPerS: Math.round((started.length / wallMs) * 1000),
      requestsPerS: Math.round((presses.length / wallMs) * 1000),
      p50CheckoutMs: Math.round(percentile(started, 50)),
      p99CheckoutMs: Math.round(percentile(started, 99)),
      p50AllMs: Math.round(percentile(all, 50)),
      p99AllMs: Math.round(percentile(all, 99)),
      refused: count("refused"),
      other: count("other"),
      oversold,
      http5xx: count("5xx"),
      noAnswer: count("network"),
      noAnswerCauses: causes,
      serverCpuS: Number(cpuSeconds.toFixed(2)),
      serverCpuMsPerRequest: Number(((cpuSeconds * 1000) / Math.max(1, presses.length)).toFixed(1)),
      load1m: Number(loadavg()[0]?.toFixed(2)),
      cores: cpus().length,
    }),
  );
}

async function oversoldOf(db: Db, eventId: string): Promise<number> {
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
  const holds = await db.seatHold.count({ where: { eventId, status: { in: ["open", "converted"] } } });
  return Math.max(0, holds - event.capacity, event.seatsTaken - event.capacity);
}

const pg = await startPostgres();
const fake = await startFakeStripe();
const url = await pg.createDatabase();
const db = createDb(url, { poolSize: 10 });
let app: WebApp | undefined;
try {
  app = await startWebApp({
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: values.pool ?? "20",
    AUTH_SECRET,
    LOG_LEVEL: "warn",
    ...(values.concurrency ? { CHECKOUT_CONCURRENCY: values.concurrency } : {}),
    
    STRIPE_SECRET_KEY: "sk_test_limelight_fake",
    STRIPE_API_HOST: fake.host,
    STRIPE_API_PORT: String(fake.port),
    STRIPE_API_PROTOCOL: "http",
    STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
  }, { nodeArgs: [...(values["node-args"] ?? "").split(" ").filter(Boolean), ...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${resolve(values["cpu-prof"])}`] : [])] });
  console.log(`# on-sale through HTTP: next start on PostgreSQL, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  {
    // Warm-up (not reported): the first requests load the page's server bundles and open the pool's connections,
    // one-off costs of a freshly started server that would otherwise count against the first run.
    const tag = `w-${Date.now()}`;
    const { eventId } = await seedShow(db, WARM_UP, tag);
    const cookies = await buyersWithSessions(db, WARM_UP, tag);
        for (let i = 0; i < WARM_UP; i += 10) {
      await Promise.all(cookies.slice(i, i + 10).map((cookie) => press(app as WebApp, eventId, cookie)));
    }
    networkErrors.clear();
  }
  const sequential = Number(values.sequential);
  if (sequential > 0) {
    const tag = `s-${Date.now()}`;
    const { eventId } = await seedShow(db, sequential, tag);
    const cookies = await buyersWithSessions(db, sequential, tag);
        const cpu0 = groupCpuSeconds(app.pid);
    const t0 = performance.now();
    const presses: Press[] = [];
    for (const cookie of cookies) presses.push(await press(app, eventId, cookie));
    const wall = performance.now() - t0;
    report(`sequential: ${sequential} buyers one at a time`, presses, wall, await oversoldOf(db, eventId), groupCpuSeconds(app.pid) - cpu0);
  }
  const closedRuns: [string, number][] = [
    [`closed loop: ${BUYERS} buyers, 50 seats`, 50],
    [`closed loop: ${BUYERS} buyers, ${BUYERS} seats`, BUYERS],
  ];
  for (const [name, seats] of values.only === "all" || values.only === "closed" ? closedRuns : values.only === "rush" ? closedRuns.slice(1) : []) {
    const tag = `c${seats}-${Date.now()}`;
    const { eventId } = await seedShow(db, seats, tag);
    const cookies = await buyersWithSessions(db, BUYERS, tag);
        const cpu0 = groupCpuSeconds(app.pid);
    const machine0 = cpuByCommand();
    const t0 = performance.now();
    const presses = await Promise.all(cookies.map((cookie) => press(app as WebApp, eventId, cookie)));
    const wall = performance.now() - t0;
    const machine = cpuShares(machine0, cpuByCommand(), presses.length);
    report(name, presses, wall, await oversoldOf(db, eventId), groupCpuSeconds(app.pid) - cpu0);
    console.log(`#   CPU ms per request by process: ${JSON.stringify(machine)}`);
  }

  if (values.only === "all" || values.only === "open") {
    const total = RATE * SECONDS;
    const tag = `o-${Date.now()}`;
    const { eventId } = await seedShow(db, total, tag);
    const cookies = await buyersWithSessions(db, total, tag);
        const cpu0 = groupCpuSeconds(app.pid);
    const t0 = performance.now();
    const pending: Promise<Press>[] = [];
    for (let i = 0; i < total; i += 1) {
      const at = t0 + (i * 1000) / RATE;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(press(app, eventId, cookies[i] as string, at));
    }
    const presses = await Promise.all(pending);
    const wall = performance.now() - t0;
    report(`open loop: ${RATE} req/s for ${SECONDS} s`, presses, wall, await oversoldOf(db, eventId), groupCpuSeconds(app.pid) - cpu0);
  }
} finally {
  agent.destroy();
  await app?.stop();
  await db.$disconnect();
  await fake.stop();
  await pg.stop();
}
