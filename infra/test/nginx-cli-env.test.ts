/**
 * The nginx config CLI as an operator runs it (infra/scripts/nginx-common.sh
 * runs `tsx infra/nginx/cli.ts <command>` with the settings in the
 * environment): bad settings render nothing and say which variable is wrong;
 * good ones write the config.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

/** Runs the CLI with only PATH and the given settings in its environment. */
function runCli(command: string, env: Record<string, string>) {
  const result = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "infra", "nginx", "cli.ts"), command], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("infra/nginx/cli.ts settings", () => {
  it("refuses an edge whose port is not a port and whose token secret is missing, naming both, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "nginx-cli-"));
    const result = runCli("edge", { EDGE_STATE_DIR: dir, EDGE_PORT: "80x" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("EDGE_PORT");
    expect(result.stderr).toContain("EDGE_TOKEN_SECRET");
    expect(existsSync(join(dir, "nginx.conf"))).toBe(false);
  });

  it("refuses an HTTPS edge's cloud-init without its ACME e-mail", () => {
    const result = runCli("cloud-init", { EDGE_ORIGIN: "origin.example.com:8088", EDGE_TOKEN_SECRET: "s".repeat(32), EDGE_TLS_HOSTNAME: "edge.example.com" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("EDGE_ACME_EMAIL");
    expect(result.stdout).toBe("");
  });

  it("writes an edge config listening on the given port and proxying to the given origin", () => {
    const dir = mkdtempSync(join(tmpdir(), "nginx-cli-"));
    const result = runCli("edge", { EDGE_STATE_DIR: dir, EDGE_PORT: "18081", EDGE_ORIGIN: "origin.example.com:8088", EDGE_TOKEN_SECRET: "s".repeat(32) });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const conf = readFileSync(join(dir, "nginx.conf"), "utf8");
    expect(conf).toMatch(/listen\s+(\S+:)?18081\b/);
    expect(conf).toContain("origin.example.com:8088");
  });
});
