import { createDb, type Db } from "@limelight/db";
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { createSqliteDatabase, freePort, waitFor, type Spawned } from "@limelight/testkit";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnAutoscaler } from "./helpers";

describe("autoscaler /healthz tells the truth; a hung tick never stops the loop; SIGTERM releases the lease and exits 0", () => {
  let fake: FakeVultr;
  let db: Db;
  let child: Spawned;
  let port: number;

  beforeAll(async () => {
    fake = await startFakeVultr();
    const dbUrl = createSqliteDatabase();
    db = createDb(dbUrl);
    port = await freePort();
    child = spawnAutoscaler(fake, dbUrl, port, {
      AUTOSCALER_HOLDER_ID_FILE: join(mkdtempSync(join(tmpdir(), "limelight-healthz-")), "holder"),
      VULTR_CALL_TIMEOUT_MS: "120000",
      // A hung tick is abandoned after 5 s (16 ticks of 300 ms): /healthz has long turned 503 by then.
      AUTOSCALER_TICK_DEADLINE_MS: "5000",
    });
  }, 60_000);

  afterAll(async () => {
    await child.stop();
    await db.$disconnect();
    await fake.close();
  });

  const healthz = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as { role: string; ok: boolean } };
  };

  it("answers 200 while ticks complete, 503 once they stall for 3 ticks, 200 again once a hung tick is abandoned at its deadline, and stops within 10 s on SIGTERM", async () => {
    await waitFor(async () => (await healthz()).status === 200, 60_000, 100, `healthy (output: ${child.output()})`);
    expect((await healthz()).body.role).toBe("leader");

    // One listing hangs (the call deadline is 2 minutes): that tick stalls, /healthz says so...
    fake.inject({ target: "list", kind: "hang", count: 1 });
    await waitFor(async () => (await healthz()).status === 503, 30_000, 100, `503 while a tick hangs (output: ${child.output()})`);
    // ...and the loop goes on without it: the hung tick is abandoned at its deadline, logged, and the next ticks succeed.
    await waitFor(async () => (await healthz()).status === 200, 30_000, 100, `ticking again after the deadline (output: ${child.output()})`);
    expect(child.output()).toContain("tick passed its deadline");
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/limelight_autoscaler_ticks_total\{outcome="deadline"\} 1/);
    // Every listing from now on hangs: every tick stalls until its deadline.
    fake.inject({ target: "list", kind: "hang", count: 1_000 });
    await waitFor(async () => (await healthz()).status === 503, 30_000, 100, "503 once ticks stall");
    expect((await healthz()).body.ok).toBe(false);

    const exited = new Promise<number | null>((resolve) => child.child.once("exit", (code) => resolve(code)));
    process.kill(-child.child.pid!, "SIGTERM");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000));
    expect(await Promise.race([exited, timeout])).toBe(0);
    expect(await db.autoscalerLease.count()).toBe(0);
  }, 120_000);
});
