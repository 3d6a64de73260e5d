/**
 * infra/scripts/{origin,edge}-{start,stop}.sh: start Debian's nginx as an
 * unprivileged user on the given ports, are safe to repeat, and stop cleanly.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, repoRoot } from "@limelight/testkit";
import { signEdgeUrl } from "../src/index";

const run = promisify(execFile);
const secret = "scripts-test-secret-0123456789abcdefghijk";
const dirs: string[] = [];
let env: NodeJS.ProcessEnv = {};

function script(name: string) {
  return run("bash", [join(repoRoot(), "infra", "scripts", name)], { env: { ...process.env, ...env }, timeout: 60_000 });
}

function uidOf(pidFile: string): number {
  const pid = readFileSync(pidFile, "utf8").trim();
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("Uid:"));
  return Number(line?.split(/\s+/)[1]);
}

afterAll(async () => {
  await script("edge-stop.sh").catch(() => undefined);
  await script("origin-stop.sh").catch(() => undefined);
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

describe("origin and edge scripts", () => {
  it("start an unprivileged origin and edge, restart safely, gate requests, and stop twice without error", async () => {
    const [rtmpPort, httpPort, edgePort] = [await freePort(), await freePort(), await freePort()];
    const originDir = mkdtempSync(join(tmpdir(), "limelight-origin-script-"));
    const edgeDir = mkdtempSync(join(tmpdir(), "limelight-edge-script-"));
    dirs.push(originDir, edgeDir);
    env = {
      ORIGIN_STATE_DIR: originDir,
      ORIGIN_RTMP_PORT: String(rtmpPort),
      ORIGIN_HTTP_PORT: String(httpPort),
      ORIGIN_LISTEN_ADDRESS: "127.0.0.1",
      ORIGIN_RENDITIONS: "src",
      EDGE_STATE_DIR: edgeDir,
      EDGE_PORT: String(edgePort),
      EDGE_LISTEN_ADDRESS: "127.0.0.1",
      EDGE_ORIGIN: `127.0.0.1:${httpPort}`,
      EDGE_TOKEN_SECRET: secret,
    };
    expect((await script("origin-start.sh")).stdout).toMatch(/started nginx/);
    expect((await script("origin-start.sh")).stdout).toMatch(/reloaded nginx/);
    expect((await script("edge-start.sh")).stdout).toMatch(/started nginx/);
    expect((await script("edge-start.sh")).stdout).toMatch(/reloaded nginx/);

    if (process.getuid?.() === 0) {
      expect(uidOf(join(originDir, "nginx.pid"))).not.toBe(0);
      expect(uidOf(join(edgeDir, "nginx.pid"))).not.toBe(0);
    }
    const edge = `http://127.0.0.1:${edgePort}`;
    expect((await fetch(`${edge}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${edge}/viewers`)).json()).toMatchObject({ viewers: 0 });
    // Nothing is published: a valid token reaches the origin (404), a missing one is refused at the edge.
    const signed = signEdgeUrl(edge, { streamId: "noshow", viewerId: "v1", expiresAt: Math.floor(Date.now() / 1000) + 60 }, secret);
    expect((await fetch(signed)).status).toBe(404);
    expect((await fetch(`${edge}/hls/noshow.m3u8`)).status).toBe(403);

    expect((await script("edge-stop.sh")).stdout).toMatch(/stopped nginx/);
    expect((await script("edge-stop.sh")).stdout).toMatch(/not running/);
    expect((await script("origin-stop.sh")).stdout).toMatch(/stopped nginx/);
    expect((await script("origin-stop.sh")).stdout).toMatch(/not running/);
    await expect(fetch(`${edge}/healthz`)).rejects.toThrow();
    expect(existsSync(join(edgeDir, "nginx.pid"))).toBe(false);
  });
});
