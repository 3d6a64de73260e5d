/**
 * The kurento-client wrapper: errors reach the caller (kurento-client's
 * promise forms swallow them), every call has a deadline, an unreachable KMS
 * fails instead of hanging, and a KMS restart is reported as a lost session.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { freePort, waitFor } from "@limelight/testkit";
import { connectKurento } from "../src/kurento/connect-kurento";
import { kurentoCall } from "../src/kurento/kurento-call";
import { KurentoMediaServer } from "../src/kurento/kurento-media-server";
import { isSessionLost, MediaServerError } from "../src/media-server";

describe("KurentoMediaServer", () => {
  let kms: FakeKms;
  let server: KurentoMediaServer;

  beforeAll(async () => {
    kms = await startFakeKms();
    const client = await connectKurento(kms.url, { failAfter: 2, timeoutMs: 5_000 });
    server = new KurentoMediaServer(client, { url: kms.url, callTimeoutMs: 3_000, logger: pino({ level: "silent" }) });
  });

  afterAll(async () => {
    await server?.close();
    await kms?.stop();
  });

  it("rejects a bad SDP offer with the Kurento error code instead of resolving undefined", async () => {
    const pipeline = await server.createPipeline();
    const endpoint = await server.createWebRtcEndpoint(pipeline, {});
    const error = await server.processOffer(endpoint, "garbage").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaServerError);
    expect((error as MediaServerError).kmsCode).toEqual(expect.any(Number));
    await server.release(pipeline);
    expect(kms.graph.pipelines()).toHaveLength(0);
  });

  it("times out a call that never answers", async () => {
    const error = await kurentoCall("never", 50, () => undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MediaServerError", timedOut: true, operation: "never" });
  });

  it("fails to connect to an unreachable KMS instead of hanging", async () => {
    const port = await freePort();
    const error = await connectKurento(`ws://127.0.0.1:${port}/kurento`, { failAfter: 1, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaServerError);
    expect((error as MediaServerError).timedOut).toBe(false);
  });

  it("logs a release KMS does not answer, with the object's id, and forgets the object", async () => {
    const lines: { msg?: string; object?: string }[] = [];
    const logged = new KurentoMediaServer(await connectKurento(kms.url, { failAfter: 2, timeoutMs: 5_000 }), {
      url: kms.url,
      callTimeoutMs: 500,
      logger: pino({ level: "warn" }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg?: string; object?: string }) }),
    });
    try {
      const pipeline = await logged.createPipeline();
      const endpoint = await logged.createWebRtcEndpoint(pipeline, {});
      // (the pipeline goes with the KMS restart of the next test)
      kms.faults.hung = true;
      await expect(logged.release(endpoint)).rejects.toBeInstanceOf(MediaServerError);
      kms.faults.hung = false;
      expect(lines.filter((l) => l.msg === "kurento release failed; object forgotten").map((l) => l.object)).toEqual([endpoint.id]);
      // Forgotten: releasing it again asks KMS nothing and cannot fail.
      await expect(logged.release(endpoint)).resolves.toBeUndefined();
    } finally {
      kms.faults.hung = false;
      await logged.close();
    }
  });

  it("reports a KMS restart as a lost session, and calls on old objects as session-lost errors", async () => {
    const pipeline = await server.createPipeline();
    const lost: string[] = [];
    server.onSessionLost((reason) => lost.push(reason));
    await kms.restart();
    await waitFor(() => lost.length > 0, 10_000, 50, "session lost");
    expect(lost[0]).toMatch(/INVALID_SESSION/);
    const error = await server.createComposite(pipeline).catch((e: unknown) => e);
    expect(isSessionLost(error)).toBe(true);
  });
});
