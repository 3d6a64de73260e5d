import { createDb, type Db } from "@limelight/db";
import { chooseViewerRoute, readyEdgesByLoad } from "@limelight/domain/routing/choose-viewer-route";
import { createSqliteDatabase, freePort, repoRoot } from "@limelight/testkit";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalProvider } from "../src/providers/local/local-provider";
import { runTick } from "../src/reconcile/run-tick";
import { seedShow, testContext } from "./helpers";

/** What the web app's viewer routing reads (apps/web/src/server/routing/route-viewer.ts). */
function routableEdges(db: Db) {
  return db.edge.findMany({ where: { status: "ready", deletedAt: null }, select: { id: true, status: true, baseUrl: true, viewers: true } });
}

async function answers(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Kills an nginx master and its workers at once, as a crash would. */
function crashNginx(pidFile: string): void {
  const master = Number(readFileSync(pidFile, "utf8").trim());
  const workers = execFileSync("ps", ["-o", "pid=", "--ppid", String(master)], { encoding: "utf8" }).split("\n").map(Number).filter(Boolean);
  for (const pid of [master, ...workers]) process.kill(pid, "SIGKILL");
}

describe("Local provider: real nginx edges, routing only to healthy ones", () => {
  let db: Db;
  let provider: LocalProvider;
  let edgesDir: string;

  beforeAll(async () => {
    db = createDb(createSqliteDatabase());
    edgesDir = mkdtempSync(join(tmpdir(), "limelight-edges-"));
    chmodSync(edgesDir, 0o755);
    provider = new LocalProvider({
      edgesDir,
      scriptsDir: join(repoRoot(), "infra", "scripts"),
      origin: `127.0.0.1:${await freePort()}`,
      tokenSecret: "local-test-edge-secret-0123456789abcdef",
    });
  });

  afterAll(async () => {
    for (const edge of await provider.list()) await provider.delete(edge.id);
    rmSync(edgesDir, { recursive: true, force: true });
    await db.$disconnect();
  });

  it("starts edges for demand, routes only to edges whose /healthz answers, replaces a crashed one", async () => {
    // 120 tickets for a show starting in 10 minutes: 120 ÷ 80 = 2 edges, pre-warmed.
    await seedShow(db, { startsInMs: 10 * 60_000, tickets: 120 });
    const ctx = testContext(db, provider);

    const first = await runTick(ctx);
    expect(first.journal.created).toHaveLength(2);
    // Started but not yet health-checked: nothing is routable.
    expect(await routableEdges(db)).toHaveLength(0);

    await runTick(ctx);
    const ready = await routableEdges(db);
    expect(ready).toHaveLength(2);
    for (const edge of ready) expect(await answers(edge.baseUrl!)).toBe(true);
    expect((await provider.list()).filter((i) => i.state === "active")).toHaveLength(2);

    // A viewer past the WebRTC threshold is sent to one of them.
    const route = chooseViewerRoute({ role: "viewer", webrtcViewers: 50, threshold: 50, edges: ready });
    expect(route.mode).toBe("hls");

    // One nginx crashes: the next tick stops routing to it, deletes it and starts a replacement.
    const victim = ready[0]!;
    const victimRow = await db.edge.findUniqueOrThrow({ where: { id: victim.id } });
    crashNginx(join(edgesDir, victimRow.label, "nginx.pid"));
    expect(await answers(victim.baseUrl!)).toBe(false);

    const afterCrash = await runTick(ctx);
    expect(afterCrash.journal.failed).toEqual([victimRow.label]);
    expect(afterCrash.journal.deleted).toContain(victimRow.label);
    expect(afterCrash.journal.created).toHaveLength(1);
    const routable = await routableEdges(db);
    expect(routable.map((e) => e.id)).not.toContain(victim.id);
    expect(readyEdgesByLoad(routable).every((e) => e.baseUrl !== victim.baseUrl)).toBe(true);

    await runTick(ctx);
    const healed = await routableEdges(db);
    expect(healed).toHaveLength(2);
    for (const edge of healed) expect(await answers(edge.baseUrl!)).toBe(true);
    expect((await provider.list()).map((i) => i.label).sort()).toEqual(
      (await db.edge.findMany({ where: { status: "ready" } })).map((e) => e.label).sort(),
    );

    // The show is cancelled: the idle edges are drained and stopped, one per tick (slow scale-in).
    await db.event.updateMany({ data: { status: "cancelled" } });
    const drainedOne = await runTick(ctx);
    expect(drainedOne.journal.drained).toHaveLength(1);
    expect(await routableEdges(db)).toHaveLength(1);
    await runTick(ctx);
    expect(await routableEdges(db)).toHaveLength(0);
    expect(await provider.list()).toHaveLength(0);
    for (const edge of healed) expect(await answers(edge.baseUrl!)).toBe(false);
  });
});
