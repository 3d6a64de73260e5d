/**
 * The HLS overflow path end to end on real parts: nginx-rtmp origin with a
 * renditions ladder, two nginx edges from the edge template, ffmpeg
 * publishing a test source with a burned-in clock, and Chromium playing the
 * watch page's HlsPlayer (hls.js) through an edge with a signed URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, waitFor, type Spawned } from "@limelight/testkit";
import { edgePathPrefix, signEdgeUrl, type EdgeGrant } from "../src/index";
import { publishTestSource, startEdge, startOrigin, type RunningEdge, type RunningOrigin } from "../../../infra/test/stack";
import type {} from "../../../infra/test/player-record";
import { startPlayerPage, type PlayerPage } from "../../../infra/test/player-page";

const secret = "hls-edge-test-secret-0123456789abcdefXYZ";
const showA = "showa1";
const showB = "showb2";

let origin: RunningOrigin;
let edgeA: RunningEdge;
let edgeB: RunningEdge;
let publisher: Spawned;
let browser: Browser | undefined;
let page: PlayerPage | undefined;

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;
const grant = (streamId: string, viewerId: string, ttl = 60): EdgeGrant => ({ streamId, viewerId, expiresAt: inSeconds(ttl) });

/** Fetches a URL and returns status, content type and body bytes. */
async function get(url: string) {
  const response = await fetch(url);
  const body = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get("content-type") ?? "", body, text: new TextDecoder().decode(body), cors: response.headers.get("access-control-allow-origin") };
}

/** True when a body carries no playlist and no MPEG-TS packet (sync byte 0x47 every 188 bytes). */
function noMedia(body: Uint8Array): boolean {
  const text = new TextDecoder().decode(body);
  return !text.includes("#EXTM3U") && !(body.length >= 188 && body[0] === 0x47) && body.length < 1024;
}

beforeAll(async () => {
  origin = await startOrigin({ renditions: [{ name: "src", videoKbps: 1500, audioKbps: 96 }, { name: "240p", height: 240, videoKbps: 300, audioKbps: 64 }] });
  [edgeA, edgeB] = await Promise.all([startEdge({ origin: origin.httpAddress, secret }), startEdge({ origin: origin.httpAddress, secret })]);
  publisher = publishTestSource(`${origin.ingestUrl}/${showA}`);
  const probe = signEdgeUrl(edgeA.baseUrl, grant(showA, "probe"), secret).replace(`${showA}.m3u8`, `${showA}_src/index.m3u8`);
  await waitFor(async () => ((await get(probe)).text.match(/\.ts/g)?.length ?? 0) >= 3, 30_000, 250, `segments of ${showA}: ${publisher.output()} ${origin.output()}`);
});

afterAll(async () => {
  await browser?.close();
  await page?.stop();
  await publisher?.stop();
  await Promise.all([edgeA?.stop(), edgeB?.stop()]);
  await origin?.stop();
});

describe("ticket-gated HLS edge", () => {
  it("serves the master playlist, rendition playlists and segments of the renditions ladder to a valid token", async () => {
    const url = signEdgeUrl(edgeA.baseUrl, grant(showA, "viewer-1"), secret);
    const master = await get(url);
    expect(master.status).toBe(200);
    expect(master.type).toContain("mpegurl");
    expect(master.cors).toBe("*");
    expect(master.text).toContain(`${showA}_src/index.m3u8`);
    expect(master.text).toMatch(new RegExp(`RESOLUTION=\\d+x240\\n${showA}_240p/index\\.m3u8`));

    for (const rendition of ["src", "240p"]) {
      const playlistUrl = new URL(`${showA}_${rendition}/index.m3u8`, url).href;
      const playlist = await get(playlistUrl);
      expect(playlist.status).toBe(200);
      expect(playlist.text).toContain("#EXT-X-TARGETDURATION:1");
      const segmentName = playlist.text.split("\n").find((line) => line.endsWith(".ts"));
      const segment = await get(new URL(segmentName ?? "missing.ts", playlistUrl).href);
      expect(segment.status).toBe(200);
      expect(segment.body[0]).toBe(0x47);
      expect(segment.body.length).toBeGreaterThan(188 * 10);
    }
  });

  it("refuses missing, expired, forged, tampered and other shows' tokens with no media bytes", async () => {
    const valid = grant(showA, "viewer-2");
    const prefix = edgePathPrefix(valid, secret);
    const file = `${showA}_src/index.m3u8`;
    const [, , token, expires] = prefix.split("/");
    const forgedToken = `${token!.slice(0, -2)}${token!.endsWith("AA") ? "BB" : "AA"}`;
    const otherShow = edgePathPrefix(grant(showB, "viewer-2"), secret);
    const wrongSecret = edgePathPrefix(valid, "another-secret-0123456789abcdefghijklmn");
    const cases: [string, string, number][] = [
      ["no token at all", `/hls/${file}`, 403],
      ["no token in the gated path", `/t/${showA}/${file}`, 403],
      ["an expired token", `${edgePathPrefix(grant(showA, "viewer-2", -5), secret)}${file}`, 410],
      ["a forged token", prefix.replace(token!, forgedToken) + file, 403],
      ["a token signed with another secret", `${wrongSecret}${file}`, 403],
      ["a token whose expiry was pushed back", prefix.replace(`/${expires}/`, `/${Number(expires) + 3600}/`) + file, 403],
      ["a token given to another viewer id", prefix.replace("/viewer-2/", "/viewer-3/") + file, 403],
      ["another show's token on this show's path", otherShow.replace(`/${showB}/`, `/${showA}/`) + file, 403],
      ["another show's token reaching into this show's files", `${otherShow}${file}`, 403],
      ["a segment with another show's token", `${otherShow}${showA}_src/0.ts`, 403],
    ];
    for (const [label, path, status] of cases) {
      const response = await get(`${edgeA.baseUrl}${path}`);
      expect({ label, status: response.status }).toEqual({ label, status });
      expect({ label, noMedia: noMedia(response.body) }).toEqual({ label, noMedia: true });
      expect({ label, cors: response.cors }).toEqual({ label, cors: "*" });
    }
  });

  it("exposes nothing of the origin outside the gated paths", async () => {
    const valid = edgePathPrefix(grant(showA, "viewer-4"), secret);
    const paths = [
      "/",
      `/hls/${showA}.m3u8`,
      `/hls/${showA}_src/index.m3u8`,
      `/hls/${showA}_src/0.ts`,
      `/healthz/../hls/${showA}.m3u8`,
      `/t/../hls/${showA}.m3u8`,
      `${valid}../../hls/${showA}.m3u8`,
      `${valid}%2e%2e/${showA}.m3u8`,
      `${valid}${showA}_src/../../../nginx.conf`,
      `${valid}${showA}_src/index.m3u8?../../x`.replace("index.m3u8?", "index.m3u8/"),
      "/nginx.conf",
      "/logs/error.log",
    ];
    for (const path of paths) {
      const response = await fetch(`${edgeA.baseUrl}${path}`);
      const body = new Uint8Array(await response.arrayBuffer());
      expect({ path, refused: response.status >= 400 }).toEqual({ path, refused: true });
      expect({ path, noMedia: noMedia(body) }).toEqual({ path, noMedia: true });
    }
    expect((await get(`${edgeA.baseUrl}/healthz`)).status).toBe(200);
  });

  it("reports the number of distinct viewers it served recently, per show", async () => {
    for (const viewerId of ["count-1", "count-2", "count-2"]) {
      expect((await get(signEdgeUrl(edgeB.baseUrl, grant(showA, viewerId), secret))).status).toBe(200);
    }
    // Refused requests are not viewers.
    expect((await get(signEdgeUrl(edgeB.baseUrl, grant(showA, "count-3", -5), secret))).status).toBe(410);
    type Report = { viewers: number; streams: Record<string, number> };
    let report: Report | undefined;
    await waitFor(async () => (report = JSON.parse((await get(`${edgeB.baseUrl}/viewers`)).text) as Report).viewers === 2, 10_000, 200, "edge B to count 2 viewers");
    expect(report?.streams).toEqual({ [showA]: 2 });
  });

  it("plays in Chromium through hls.js, renews its URL before expiry and fails over to another edge", async () => {
    const ttl = 6;
    const sign = (edges: RunningEdge[]) => {
      const g = grant(showA, "browser-viewer", ttl);
      const [first, ...rest] = edges.map((edge) => signEdgeUrl(edge.baseUrl, g, secret));
      return { url: first!, expiresAt: g.expiresAt * 1000, edges: rest };
    };
    page = await startPlayerPage({ source: sign([edgeA, edgeB]), renew: () => sign([edgeA, edgeB]) });
    browser = await launchChromium();
    const tab = await browser.newPage();
    const refusals: string[] = [];
    tab.on("response", (response) => {
      if (response.status() >= 400) refusals.push(`${response.status()} ${response.url()}`);
    });
    await tab.goto(page.url);
    const currentTime = () => tab.evaluate(() => document.querySelector("video")?.currentTime ?? 0);
    await waitFor(async () => (await currentTime()) > 1, 20_000, 200, "video to start playing");
    const started = await currentTime();

    // Play past the first URL's expiry: the player renews and no request is refused.
    // Wait on the player: it has renewed its URL and played on past the first URL's expiry.
    const firstExpiry = Date.now() + ttl * 1000;
    await waitFor(async () => (await tab.evaluate(() => window.__player.renewals)) >= 1 && Date.now() > firstExpiry + 2_000, 60_000, 250, "a renewal past the first URL's expiry");
    await waitFor(async () => (await currentTime()) > started + ttl - 1, 60_000, 250, "playback past the first URL's expiry");
    expect(refusals).toEqual([]);
    expect(await tab.getByTestId("hls-live").textContent()).toMatch(/LIVE \(\d+\.\d s\)/);

    // The edge in use goes away: the player moves to the other edge and keeps playing.
    await edgeA.stop();
    const beforeFailover = await currentTime();
    await waitFor(async () => (await currentTime()) > beforeFailover + 3, 30_000, 250, "playback to continue on the other edge");
    const hostB = new URL(edgeB.baseUrl).host;
    const afterFailover = await tab.evaluate(() => window.__player.states.at(-1));
    expect(afterFailover).toMatchObject({ edge: hostB, status: "playing" });
    expect(afterFailover?.failovers).toBeGreaterThanOrEqual(1);

    // Later renewals keep the viewer on the edge that works.
    const renewalsBefore = afterFailover?.renewals ?? 0;
    await waitFor(async () => (await tab.evaluate(() => window.__player.states.at(-1)?.renewals ?? 0)) > renewalsBefore, 15_000, 250, "a renewal after the failover");
    const resumed = await currentTime();
    await waitFor(async () => (await currentTime()) > resumed + 2, 10_000, 250, "playback after the renewal");
    expect(await tab.evaluate(() => window.__player.states.at(-1)?.edge)).toBe(hostB);
    expect(refusals).toEqual([]);
  }, 120_000);
});
