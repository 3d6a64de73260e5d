/**
 * The real-KMS suite (`npm run test:kms`), run when KMS_URL points at a Kurento
 * Media Server (e.g. the official kurento/kurento-media-server:7.2.0 image,
 * see docs/kurento.md); skipped with a message otherwise. What the fake KMS
 * cannot show: four browser hosts (headless Chromium, fake cameras) and two
 * injected videos mixed by a real Composite, a browser viewer on the program
 * HubPort, and a program whose picture keeps moving for 20 s (canvas
 * snapshots compared; a Composite that froze after a few seconds fails).
 * Signaling goes through the media service's socket.io API as the studio and
 * watch pages use it; the RTCPeerConnections live in Chromium.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { join } from "node:path";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, waitFor } from "@limelight/testkit";
import { type IceCandidate } from "@limelight/contracts";
import { type MediaApp } from "../../src/app";
import { client, type ClientSocket, request, seed, type Seed, startMedia, testEnv, token } from "../fixtures";

/** ws:// URL of the real KMS; the suite is skipped without it. */
const KMS_URL = process.env.KMS_URL ?? "";
/** A folder both this machine and the KMS see at the same path (mounted into the KMS container). */
const KMS_MEDIA_FOLDER = process.env.KMS_MEDIA_FOLDER ?? "/tmp/limelight-kms-media";

if (!KMS_URL) console.warn("test:kms: KMS_URL is not set; skipping the real Kurento suite (see docs/kurento.md)");

type Win = { pc: RTCPeerConnection; candidates: RTCIceCandidateInit[]; sent: number };

/** One browser peer whose signaling goes through a media service socket. */
async function peer(page: Page, socket: ClientSocket, role: "host" | "viewer"): Promise<void> {
  socket.on("ice:candidate", ({ candidate }) => {
    void page.evaluate((c) => (window as unknown as Win).pc.addIceCandidate(c), candidate as RTCIceCandidateInit).catch(() => undefined);
  });
  const offer = await page.evaluate(async (r) => {
    const w = window as unknown as Win;
    const pc = new RTCPeerConnection();
    w.pc = pc;
    w.candidates = [];
    w.sent = 0;
    pc.onicecandidate = (e) => {
      if (e.candidate) w.candidates.push(e.candidate.toJSON());
    };
    if (r === "host") {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
    } else {
      pc.addTransceiver("audio", { direction: "recvonly" });
      pc.addTransceiver("video", { direction: "recvonly" });
      pc.ontrack = (e) => {
        let video = document.querySelector("video");
        if (!video) {
          video = document.createElement("video");
          video.muted = true;
          video.autoplay = true;
          video.playsInline = true;
          document.body.append(video);
        }
        const stream = (video.srcObject as MediaStream | null) ?? new MediaStream();
        stream.addTrack(e.track);
        video.srcObject = stream;
        void video.play().catch(() => undefined);
      };
    }
    await pc.setLocalDescription(await pc.createOffer());
    return pc.localDescription?.sdp ?? "";
  }, role);
  const ack = role === "host" ? await request(socket, "host:publish", { sdpOffer: offer }) : await request(socket, "viewer:watch", { sdpOffer: offer });
  if (!("ok" in ack)) throw new Error(`${role} offer refused: ${JSON.stringify(ack)}`);
  await page.evaluate((sdp) => (window as unknown as Win).pc.setRemoteDescription({ type: "answer", sdp }), ack.sdpAnswer);
  // Trickle the browser's candidates until ICE connects.
  await waitFor(
    async () => {
      const { fresh, state } = await page.evaluate(() => {
        const w = window as unknown as Win;
        const list = w.candidates.slice(w.sent);
        w.sent = w.candidates.length;
        return { fresh: list, state: w.pc.iceConnectionState };
      });
      for (const c of fresh) await request(socket, "ice:candidate", { candidate: c as IceCandidate });
      return state === "connected" || state === "completed";
    },
    60_000,
    250,
    `${role} ICE connected`,
  );
}

/** A 160x120 grey-level snapshot of the viewer's <video>, or null before the first frame. */
function snapshot(page: Page): Promise<number[] | null> {
  return page.evaluate(() => {
    const video = document.querySelector("video");
    if (!video || video.readyState < 2 || video.videoWidth === 0) return null;
    const canvas = document.createElement("canvas");
    canvas.width = 160;
    canvas.height = 120;
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    ctx.drawImage(video, 0, 0, 160, 120);
    const { data } = ctx.getImageData(0, 0, 160, 120);
    const grey: number[] = [];
    for (let i = 0; i < data.length; i += 4) grey.push(Math.round(((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3));
    return grey;
  });
}

/** Mean absolute difference of two snapshots (0..255). */
function difference(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

describe.skipIf(!KMS_URL)("a real Kurento Media Server mixes a moving program", () => {
  let s: Seed;
  let app: MediaApp;
  let browser: Browser;
  /** A blank page on http://127.0.0.1 (a secure context: getUserMedia needs one; about:blank has no mediaDevices). */
  let pageServer: Server;
  let pageUrl: string;
  const sockets: ClientSocket[] = [];
  const newPage = async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    return page;
  };

  beforeAll(async () => {
    // Two moving clips without B-frames (PlayerEndpoint plays B-frames at half rate, Kurento #438).
    mkdirSync(KMS_MEDIA_FOLDER, { recursive: true });
    const clips = [
      ["clip-a.webm", "testsrc=size=320x240:rate=10"],
      ["clip-b.webm", "testsrc2=size=320x240:rate=10"],
    ] as const;
    await Promise.all(
      clips.map(([name, source]) =>
        promisify(execFile)("ffmpeg", ["-y", "-loglevel", "error", "-f", "lavfi", "-i", source, "-t", "40", "-r", "10", "-c:v", "libvpx", "-b:v", "200k", "-cpu-used", "8", join(KMS_MEDIA_FOLDER, name)]),
      ),
    );
    s = await seed(1);
    app = await startMedia(testEnv(s.dbUrl, [KMS_URL], { MEDIA_FOLDER: KMS_MEDIA_FOLDER, KMS_CALL_TIMEOUT_MS: "15000", STUN_URLS: "" }));
    browser = await launchChromium({ fakeMedia: true });
    pageServer = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>limelight test:kms</title><body></body>");
    });
    await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  }, 300_000);

  afterAll(async () => {
    for (const x of sockets) x.close();
    await browser?.close();
    if (pageServer) await new Promise((resolve) => pageServer.close(resolve));
    await app?.close();
    await s?.db.$disconnect();
  });

  it("keeps the program of four hosts and two videos moving for 20 s for a WebRTC viewer", async () => {
    for (let i = 0; i < 4; i++) {
      const socket = await client(app.url, await token(s.eventId, s.hosts[i] as { id: string; name: string }, "host"));
      sockets.push(socket);
      await peer(await newPage(), socket, "host");
    }
    const hostSocket = sockets[0] as ClientSocket;
    for (const name of ["clip-a.webm", "clip-b.webm"]) {
      const added = await request(hostSocket, "video:add", { uri: name, title: name });
      if (!("ok" in added)) throw new Error(`video refused: ${JSON.stringify(added)}`);
      expect(await request(hostSocket, "video:play", { videoId: added.video.id })).toMatchObject({ ok: true });
    }
    expect(app.registry.stats(s.eventId)).toMatchObject({ live: true, hosts: 4, injectedVideos: 2 });

    const viewerSocket = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(viewerSocket);
    const viewer = await newPage();
    await peer(viewer, viewerSocket, "viewer");
    let first: number[] | null = null;
    await waitFor(async () => (first = await snapshot(viewer)) !== null, 60_000, 250, "the program's first frame");
    const frames: number[][] = [first as unknown as number[]];
    // Five snapshots 5 s apart: each must differ from the one before (a frozen mix repeats its last frame).
    for (let i = 1; i <= 4; i++) {
      await viewer.waitForTimeout(5_000);
      frames.push((await snapshot(viewer)) ?? []);
    }
    const changes = frames.slice(1).map((f, i) => difference(frames[i] as number[], f));
    expect(frames.every((f) => f.length === 160 * 120)).toBe(true);
    expect(changes.every((c) => c > 1)).toBe(true);
    // not a black picture
    expect(Math.max(...(frames[4] as number[]))).toBeGreaterThan(40);
  }, 300_000);
});
