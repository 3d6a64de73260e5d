/**
 * The autoscaler's edge probe against real parts: an nginx-rtmp origin fed by
 * ffmpeg, one nginx edge proxying it, and one nginx edge whose origin address
 * is wrong (it answers /healthz, as a TCP or /healthz check would accept, but
 * serves no playlist).
 */
import { freePort, waitFor, type Spawned } from "@limelight/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishTestSource, startEdge, startOrigin, type RunningEdge, type RunningOrigin } from "../../../infra/test/stack";
import { HlsEdgeProber } from "../src/health/hls-probe";
import { HttpHealthChecker } from "../src/health/http-health-checker";

const secret = "probe-test-edge-secret-0123456789abcdefXY";
const stream = "probeshow1";

let origin: RunningOrigin;
let good: RunningEdge;
let bad: RunningEdge;
let publisher: Spawned;

beforeAll(async () => {
  origin = await startOrigin({ renditions: [{ name: "src", videoKbps: 800, audioKbps: 64 }] });
  [good, bad] = await Promise.all([startEdge({ origin: origin.httpAddress, secret }), startEdge({ origin: `127.0.0.1:${await freePort()}`, secret })]);
  publisher = publishTestSource(`${origin.ingestUrl}/${stream}`);
  await waitFor(async () => (await fetch(`http://${origin.httpAddress}/hls/${stream}_src/index.m3u8`)).status === 200, 60_000, 250, `origin playlist: ${publisher.output()}`);
}, 120_000);

afterAll(async () => {
  await publisher?.stop();
  await Promise.all([good?.stop(), bad?.stop()]);
  await origin?.stop();
});

describe("HLS edge probe", () => {
  it("passes an edge that serves a fresh playlist and fails one that answers /healthz but serves none", async () => {
    const prober = new HlsEdgeProber({ timeoutMs: 5_000, origin: origin.httpAddress, tokenSecret: secret });
    // A /healthz check alone cannot tell them apart.
    const plain = new HttpHealthChecker(5_000);
    expect((await plain.check(good.baseUrl)).ok).toBe(true);
    expect((await plain.check(bad.baseUrl)).ok).toBe(true);

    await waitFor(async () => (await prober.check(good.baseUrl, [stream])).ok, 30_000, 500, "the good edge passes");
    expect((await prober.check(bad.baseUrl, [stream])).ok).toBe(false);
    // A probe signed with another secret is refused by the edge: that edge could not serve viewers either.
    const wrongSecret = new HlsEdgeProber({ timeoutMs: 5_000, origin: origin.httpAddress, tokenSecret: "another-edge-secret-0123456789abcdefXYZ" });
    expect((await wrongSecret.check(good.baseUrl, [stream])).ok).toBe(false);
    // No stream live at the origin: only /healthz can be checked, and both edges answer it.
    expect((await prober.check(bad.baseUrl, ["notlive1"])).ok).toBe(true);
  }, 120_000);
});
