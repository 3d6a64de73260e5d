/**
 * The program → HLS bridge: an RtpEndpoint fed from the program HubPort, an
 * SDP offer describing ffmpeg's loopback side, a real ffmpeg reading the
 * matching .sdp and publishing to the origin's RTMP URL, restarted when it
 * dies. (The fake KMS sends no media, so ffmpeg just waits for RTP.)
 */
import { readFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { waitFor } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token } from "./fixtures";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("program bridge to the HLS origin", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  let host: ClientSocket;

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(0);
    app = await startMedia(
      testEnv(s.dbUrl, [kms.url], {
        PROGRAM_PUBLISH: "true",
        ORIGIN_RTMP_URL: "rtmp://127.0.0.1:1/ingest",
        ORIGIN_PUBLISH_SECRET: "s3cret",
        HLS_FRAGMENT_SECONDS: "1",
        PROGRAM_SDP_DIR: "/tmp/limelight-media-bridge-test",
      }),
    );
    host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
  });

  afterAll(async () => {
    host?.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("spawns ffmpeg on the RtpEndpoint's ports with the answer's payload types and restarts it when it dies", async () => {
    expect(await request(host, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true });
    const bridge = app.registry.get(s.eventId)?.graph.bridge;
    if (!bridge) throw new Error("no bridge");
    const first = bridge.status();
    expect(first.pid).not.toBeNull();

    // KMS got an offer for ffmpeg's receive side on loopback, on the same ports ffmpeg reads
    const rtp = kms.graph.get(bridge.rtpEndpoint.id);
    const offer = rtp?.state.remoteSdp ?? "";
    expect(offer).toContain("c=IN IP4 127.0.0.1");
    expect(offer).toContain(`m=audio ${first.ports.audio} RTP/AVP`);
    expect(offer).toContain(`m=video ${first.ports.video} RTP/AVP`);
    expect(offer).toContain("a=recvonly");
    const sdp = readFileSync(first.sdpPath, "utf8");
    const answer = rtp?.state.localSdp ?? "";
    const videoPt = /m=video \d+ \S+ (\d+)/.exec(answer)?.[1];
    expect(sdp).toContain(`m=video ${first.ports.video} RTP/AVP ${videoPt}`);
    expect(sdp).toContain(`a=rtpmap:${videoPt} VP8/90000`);

    // ffmpeg: RTP input, H.264 with a keyframe per 1 s HLS fragment, AAC, FLV to the origin with the publish secret
    const args = first.args.join(" ");
    expect(args).toContain("-protocol_whitelist file,udp,rtp");
    expect(args).toContain(`-i ${first.sdpPath}`);
    expect(args).toContain("-c:v libx264");
    expect(args).toContain("-force_key_frames expr:gte(t,n_forced*1)");
    expect(args).toContain("-c:a aac");
    expect(args).toContain(`-f flv rtmp://127.0.0.1:1/ingest/${s.eventId}?secret=s3cret`);

    const firstPid = first.pid as number;
    process.kill(firstPid, "SIGKILL");
    await waitFor(() => bridge.status().starts === 2 && bridge.status().pid !== null, 10_000, 50, "ffmpeg restart");
    const second = bridge.status();
    expect(second.pid).not.toBe(firstPid);
    expect(alive(second.pid as number)).toBe(true);

    expect(await request(host, "show:end", {})).toEqual({ ok: true });
    await waitFor(() => !alive(second.pid as number), 10_000, 50, "ffmpeg stopped");
    expect(existsSync(first.sdpPath)).toBe(false);
    expect(kms.graph.ofType("RtpEndpoint")).toHaveLength(0);
  });
});
