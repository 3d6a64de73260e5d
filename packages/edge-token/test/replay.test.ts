/**
 * Show replays on real parts: an nginx-rtmp origin with recording on, real
 * ffmpeg publishing a show in two parts (a publisher that reconnects
 * mid-show), the origin's replay builder (exec_record_done →
 * replay-build.sh → ffmpeg concat + HLS VOD), and a real edge serving the
 * replay only to a token for that show.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@limelight/testkit";
import { edgePathPrefix, signEdgeReplayUrl, type EdgeGrant } from "../src/index";
import { renderOriginConfig } from "../../../infra/nginx/render-origin";
import { renderReplayBuildScript, renderReplayCleanupScript, replayPaths } from "../../../infra/nginx/render-replay-script";
import { publishTestSource, startEdge, startOrigin, type RunningEdge, type RunningOrigin } from "../../../infra/test/stack";

const secret = "replay-test-secret-0123456789abcdefXYZ012";
const show = "replayshow1";
const otherShow = "othershow2";
/** How long each part is published, in ms (wall clock; the source is paced with -re). */
const PART_MS = 5_000;

let origin: RunningOrigin;
let edge: RunningEdge;
/** Wall-clock ms each part was published. */
const publishedMs: number[] = [];
/** Media the origin packaged live of each part, ms (a lower bound of what it recorded). */
const packagedMs: number[] = [];
/** Live segments counted for earlier parts (nginx-rtmp keeps numbering across publishes: hls_continuous). */
const countedSegments = new Set<string>();
let firstBuild: Playlist;
let secondBuild: Playlist;

interface Playlist {
  text: string;
  segments: string[];
  totalSeconds: number;
  mediaSequence: number;
}

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;
const grant = (streamId: string, viewerId: string): EdgeGrant => ({ streamId, viewerId, expiresAt: inSeconds(120) });
const originReplayUrl = (file: string) => `http://${origin.httpAddress}/hls/${show}_replay/${file}`;

function parsePlaylist(text: string): Playlist {
  const lines = text.split("\n").map((line) => line.trim());
  const totalSeconds = lines.filter((l) => l.startsWith("#EXTINF:")).reduce((sum, l) => sum + Number.parseFloat(l.slice("#EXTINF:".length)), 0);
  const sequence = /^#EXT-X-MEDIA-SEQUENCE:(\d+)$/m.exec(text);
  return { text, segments: lines.filter((l) => l.endsWith(".ts")), totalSeconds, mediaSequence: Number(sequence?.[1] ?? -1) };
}

async function get(url: string) {
  const response = await fetch(url);
  const body = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: new TextDecoder().decode(body) };
}

/**
 * Publishes the test source to the show until the origin has packaged PART_MS
 * of it (segments of the live source rendition, summed once each: a condition
 * on the origin, not a fixed wait), then stops it; records how long it ran.
 */
async function publishPart(): Promise<void> {
  const publisher = publishTestSource(`${origin.ingestUrl}/${show}`, { bitrateKbps: 600 });
  const started = Date.now();
  const packaged = new Map<string, number>();
  await waitFor(
    async () => {
      const text = (await get(`http://${origin.httpAddress}/hls/${show}_src/index.m3u8`)).text;
      const lines = text.split("\n").map((line) => line.trim());
      lines.forEach((line, i) => {
        if (line.startsWith("#EXTINF:") && lines[i + 1]?.endsWith(".ts") && !countedSegments.has(lines[i + 1]!)) packaged.set(lines[i + 1]!, Number.parseFloat(line.slice("#EXTINF:".length)));
      });
      return [...packaged.values()].reduce((sum, s) => sum + s, 0) * 1000 >= PART_MS;
    },
    120_000,
    200,
    `${PART_MS} ms of ${show} packaged: ${publisher.output()} ${origin.output()}`,
  );
  await publisher.stop();
  for (const segment of packaged.keys()) countedSegments.add(segment);
  publishedMs.push(Date.now() - started);
  packagedMs.push([...packaged.values()].reduce((sum, s) => sum + s, 0) * 1000);
}

/** The origin's replay builder log (empty before its first line). */
function replayLog(): string {
  const file = join(origin.stateDir, "logs", "replay.log");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** Waits until the origin serves a replay playlist that `accept` accepts and returns it. */
async function waitForReplay(accept: (p: Playlist) => boolean, what: string): Promise<Playlist> {
  let found: Playlist | undefined;
  await waitFor(async () => {
    const response = await get(originReplayUrl("index.m3u8"));
    if (response.status !== 200) return false;
    const playlist = parsePlaylist(response.text);
    if (!accept(playlist)) return false;
    found = playlist;
    return true;
  }, 30_000, 200, `${what}: ${origin.output()}`);
  return found!;
}

beforeAll(async () => {
  origin = await startOrigin({ record: true, renditions: [{ name: "src", videoKbps: 600, audioKbps: 96 }] });
  edge = await startEdge({ origin: origin.httpAddress, secret });
  await publishPart();
  firstBuild = await waitForReplay(() => true, "the replay of part 1");
  await publishPart();
  secondBuild = await waitForReplay((p) => p.mediaSequence !== firstBuild.mediaSequence, "the replay of parts 1 and 2");
  // The builder logs its line after it has moved the new playlist in place: wait for that line too.
  await waitFor(() => replayLog().includes("built from 2 part(s)"), 30_000, 100, `the rebuild's log line: ${origin.output()}`);
}, 300_000);

afterAll(async () => {
  await edge?.stop();
  await origin?.stop();
});

describe("show replay (origin records, rebuilds a VOD after each recorded part)", () => {
  it("keeps each publish of the show as its own recorded part", () => {
    const parts = readdirSync(join(origin.stateDir, "recordings")).filter((f) => f.endsWith(".flv"));
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part).toMatch(new RegExp(`^${show}-\\d+\\.flv$`));
  });

  it("publishes a complete VOD playlist covering both parts in order", () => {
    for (const build of [firstBuild, secondBuild]) {
      expect(build.text).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
      expect(build.text.trimEnd().endsWith("#EXT-X-ENDLIST")).toBe(true);
      // RFC 8216 section 4.3.3.1: every segment, rounded, fits the target duration. Segments are cut at the recording's
      // keyframes near the 4 s setting (a loaded publisher's keyframes come late: 4.5 s segments, target 5).
      const target = Number(/^#EXT-X-TARGETDURATION:(\d+)$/m.exec(build.text)?.[1]);
      const longest = Math.max(...[...build.text.matchAll(/^#EXTINF:([\d.]+),/gm)].map((m) => Number(m[1])));
      expect(target).toBeGreaterThanOrEqual(Math.round(longest));
      expect(target).toBeGreaterThanOrEqual(4);
      expect(target).toBeLessThanOrEqual(6);
      for (const segment of build.segments) expect(segment).toMatch(/^\d{1,20}\.ts$/);
    }
    const [part1 = 0, part2 = 0] = publishedMs.map((ms) => ms / 1000);
    const [packaged1 = 0, packaged2 = 0] = packagedMs.map((ms) => ms / 1000);
    // The first build holds part 1; the rebuild holds both: at least what the origin packaged live (less a
    // keyframe interval of alignment), at most what ran on the wall clock (the publisher sends in real time).
    expect(firstBuild.totalSeconds).toBeGreaterThanOrEqual(packaged1 - 1);
    expect(firstBuild.totalSeconds).toBeLessThanOrEqual(part1 + 1);
    expect(secondBuild.totalSeconds).toBeGreaterThanOrEqual(packaged1 + packaged2 - 2);
    expect(secondBuild.totalSeconds).toBeLessThanOrEqual(part1 + part2 + 2);
    expect(secondBuild.segments.length).toBeGreaterThan(firstBuild.segments.length);
    // same publisher settings in both parts: the replay is a stream copy, no re-encode on the origin
    expect(replayLog()).toContain("built from 2 part(s) (copy)");
  });

  it("serves the replay's segments from the origin, and gives a rebuild new segment names while the previous build stays readable", async () => {
    const playlist = await get(originReplayUrl("index.m3u8"));
    expect(playlist.headers.get("content-type")).toContain("mpegurl");
    expect(playlist.headers.get("cache-control")).toBe("public, max-age=10");
    for (const segment of secondBuild.segments) {
      const response = await get(originReplayUrl(segment));
      expect(response.status).toBe(200);
      expect(response.body[0]).toBe(0x47);
      expect(response.body.length % 188).toBe(0);
    }
    expect(secondBuild.segments.filter((s) => firstBuild.segments.includes(s))).toEqual([]);
    const previous = await get(originReplayUrl(firstBuild.segments[0] ?? "missing.ts"));
    expect(previous.status).toBe(200);
  });

  it("serves the replay through an edge to the show's token only", async () => {
    const url = signEdgeReplayUrl(edge.baseUrl, grant(show, "viewer1"), secret);
    const playlist = await get(url);
    expect(playlist.status).toBe(200);
    expect(playlist.text).toContain("#EXT-X-ENDLIST");
    const segmentName = parsePlaylist(playlist.text).segments[0] ?? "missing.ts";
    const segment = await get(new URL(segmentName, url).href);
    expect(segment.status).toBe(200);
    expect(segment.body[0]).toBe(0x47);

    const otherPrefix = edgePathPrefix(grant(otherShow, "viewer1"), secret);
    const otherPath = `${otherPrefix.replace(`/${otherShow}/`, `/${show}/`)}${show}_replay/`;
    for (const file of ["index.m3u8", segmentName]) {
      const refused = await get(`${edge.baseUrl}${otherPath}${file}`);
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain("#EXTM3U");
    }
  });

  it("is still served, complete, after the origin has cleaned up the show's live HLS", async () => {
    const liveDir = join(origin.stateDir, "hls", `${show}_src`);
    await waitFor(() => !existsSync(liveDir), 40_000, 500, `nginx-rtmp hls_cleanup of ${liveDir}`);
    const playlist = await get(originReplayUrl("index.m3u8"));
    expect(playlist.status).toBe(200);
    expect(parsePlaylist(playlist.text).segments).toEqual(secondBuild.segments);
    for (const segment of secondBuild.segments) expect((await get(originReplayUrl(segment))).status).toBe(200);
  }, 60_000);
});

describe("replay settings and retention", () => {
  it("records only when asked, and keeps the name replay free for the replay", () => {
    const base = { rtmpPort: 19_360, httpPort: 18_090, stateDir: "/tmp/limelight-replay-conf" };
    expect(renderOriginConfig(base)).toMatch(/record all;\s+record_path \/tmp\/limelight-replay-conf\/recordings;\s+record_unique on;\s+exec_record_done /);
    expect(renderOriginConfig({ ...base, record: false })).not.toMatch(/record all|exec_record_done/);
    expect(() => renderOriginConfig({ ...base, renditions: [{ name: "replay", videoKbps: 1000, audioKbps: 96 }] })).toThrow(/reserved/);
  });

  it("deletes recordings and replays older than the retention and keeps recent ones", () => {
    const stateDir = mkdtempSync(join(tmpdir(), "limelight-replay-cleanup-"));
    try {
      const paths = replayPaths(stateDir);
      mkdirSync(join(paths.replaysDir, "oldshow_replay"), { recursive: true });
      mkdirSync(join(paths.replaysDir, "newshow_replay"), { recursive: true });
      mkdirSync(paths.recordingsDir, { recursive: true });
      for (const file of ["oldshow-1700000000.flv", "newshow-1700000001.flv"]) writeFileSync(join(paths.recordingsDir, file), "flv");
      const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000);
      for (const old of [join(paths.recordingsDir, "oldshow-1700000000.flv"), join(paths.replaysDir, "oldshow_replay")]) utimesSync(old, threeHoursAgo, threeHoursAgo);
      writeFileSync(paths.cleanupScript, renderReplayCleanupScript({ stateDir, recordingsKeepHours: 2 }));
      execFileSync("bash", [paths.cleanupScript]);
      expect(readdirSync(paths.recordingsDir)).toEqual(["newshow-1700000001.flv"]);
      expect(readdirSync(paths.replaysDir)).toEqual(["newshow_replay"]);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it("re-encodes a show whose parts differ (a performer reconnected with other settings) into one playable replay", () => {
    const stateDir = mkdtempSync(join(tmpdir(), "limelight-replay-mixed-"));
    try {
      const paths = replayPaths(stateDir);
      for (const dir of [paths.recordingsDir, paths.replaysDir, join(stateDir, "logs")]) mkdirSync(dir, { recursive: true });
      const part = (file: string, size: string, rate: number) => execFileSync("ffmpeg", [
        "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", `testsrc2=s=${size}:r=30:d=2`, "-f", "lavfi", "-i", `sine=sample_rate=${rate}:d=2`,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", "-c:a", "aac", "-f", "flv", join(paths.recordingsDir, file),
      ]);
      part("mixshow-1700000000.flv", "320x180", 44_100);
      part("mixshow-1700000009.flv", "256x144", 48_000);
      writeFileSync(paths.buildScript, renderReplayBuildScript({ stateDir, segmentSeconds: 1 }));
      execFileSync("bash", [paths.buildScript, "mixshow"]);
      const playlist = parsePlaylist(execFileSync("cat", [join(paths.replaysDir, "mixshow_replay", "index.m3u8")]).toString());
      expect(playlist.text).toContain("#EXT-X-ENDLIST");
      expect(playlist.totalSeconds).toBeGreaterThanOrEqual(3.5);
      // (ffprobe lists an MPEG-TS stream once per program and once per stream: one size per line)
      const sizes = new Set(playlist.segments.flatMap((segment) => execFileSync("ffprobe", [
        "-v", "error", "-select_streams", "v", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x", join(paths.replaysDir, "mixshow_replay", segment),
      ]).toString().split("\n").filter(Boolean)));
      expect([...sizes]).toEqual(["320x180"]);
      expect(execFileSync("cat", [join(stateDir, "logs", "replay.log")]).toString()).toContain("2 part(s) (re-encoded)");
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
