/**
 * TURN is not an open relay: coturn (the real turnserver, configured as
 * docker-compose.yml configures it: use-auth-secret + static-auth-secret)
 * allocates a relay for the credential media issues, and refuses a stale one
 * or one not derived from the shared secret. Driven with coturn's own client,
 * turnutils_uclient (`-y`: two clients relaying to each other).
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@limelight/free-port";
import { waitFor } from "@limelight/testkit";
import { iceServersFor, turnCredential } from "../src/turn/turn-credentials";

const run = promisify(execFile);
const SECRET = "coturn-static-auth-secret-for-the-relay-test-0123456789";
const available = await run("turnserver", ["--version"]).then(
  () => true,
  () => false,
);
if (!available) console.warn("turn-relay.test.ts skipped: coturn (turnserver) is not installed; infra/scripts/install-system-deps.sh installs it");

describe.skipIf(!available)("coturn with TURN REST credentials", () => {
  let port: number;
  let server: ChildProcess;
  let log = "";

  beforeAll(async () => {
    port = await freePort();
    const relayBase = 20_000 + Math.floor(Math.random() * 20_000);
    server = spawn("turnserver", [
      "-n", "--log-file=stdout", "--no-cli", "--no-tls", "--no-dtls", "--fingerprint",
      `--listening-port=${port}`, "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
      `--min-port=${relayBase}`, `--max-port=${relayBase + 200}`, "--realm=limelight",
      "--use-auth-secret", `--static-auth-secret=${SECRET}`,
      // The test's two clients talk over loopback; production denies loopback peers (docker-compose.yml).
      "--allow-loopback-peers", `--pidfile=/tmp/limelight-turn-test-${port}.pid`,
    ]);
    server.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    server.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    // Ready once a valid credential gets a relay (turnserver buffers its log when not on a terminal).
    await waitFor(async () => {
      const fresh = turnCredential(SECRET, "probe", Date.now(), 600);
      return (await allocate(fresh.username, fresh.credential)).ok;
    }, 60_000, 250, `turnserver on ${port}: ${log}`);
  });

  afterAll(() => {
    server?.kill("SIGTERM");
  });

  /** Runs turnutils_uclient with a credential; resolves true when the relay allocation succeeded. */
  async function allocate(username: string, credential: string): Promise<{ ok: boolean; output: string }> {
    return run("turnutils_uclient", ["-p", String(port), "-u", username, "-w", credential, "-n", "1", "-m", "1", "-y", "-c", "127.0.0.1"], { timeout: 60_000 }).then(
      ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
      (err: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}` }),
    );
  }

  it("relays for the credential a ticket holder gets from media", async () => {
    const [, turn] = iceServersFor({ stunUrls: ["stun:stun.l.google.com:19302"], turnUrls: [`turn:127.0.0.1:${port}`], turnSecret: SECRET, turnTtlSeconds: 3_600 }, { role: "viewer", ticketId: "t1", userId: "u1" }, Date.now());
    const result = await allocate(turn!.username!, turn!.credential!);
    expect(result.output).not.toMatch(/Cannot complete Allocation/);
    expect(result.ok).toBe(true);
  });

  it("refuses the allocation once the credential has expired", async () => {
    const stale = turnCredential(SECRET, "u1", Date.now() - 2 * 3_600_000, 3_600);
    expect(stale.expiresAtSeconds).toBeLessThan(Date.now() / 1000);
    const result = await allocate(stale.username, stale.credential);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Cannot complete Allocation/);
  });

  it("refuses a credential not derived from the shared secret", async () => {
    const forged = turnCredential("some-other-secret-an-attacker-guessed-000000", "u1", Date.now(), 3_600);
    const result = await allocate(forged.username, forged.credential);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Cannot complete Allocation/);
  });
});

describe("who gets TURN credentials", () => {
  const settings = { stunUrls: ["stun:stun.example.test:3478"], turnUrls: ["turn:turn.example.test:3478"], turnSecret: SECRET, turnTtlSeconds: 7_200 };
  it("gives hosts and ticket holders a credential valid at most one hour, and nobody else", () => {
    const now = 1_800_000_000_000;
    for (const claims of [{ role: "host" as const, ticketId: null, userId: "h1" }, { role: "viewer" as const, ticketId: "t1", userId: "v1" }]) {
      const servers = iceServersFor(settings, claims, now);
      expect(servers).toHaveLength(2);
      const [expiry, user] = servers[1]!.username!.split(":");
      expect(user).toBe(claims.userId);
      expect(Number(expiry)).toBe(now / 1000 + 3_600);
    }
    expect(iceServersFor(settings, { role: "admin", ticketId: null, userId: "a1" }, now)).toEqual([{ urls: ["stun:stun.example.test:3478"] }]);
    expect(iceServersFor(settings, { role: "viewer", ticketId: null, userId: "x" }, now)).toEqual([{ urls: ["stun:stun.example.test:3478"] }]);
  });
});
