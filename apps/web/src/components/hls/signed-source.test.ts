import { describe, expect, it } from "vitest";
import { mergeHlsConfig } from "./hls-controller";
import { LOW_LATENCY_HLS_CONFIG } from "./hls-config";
import { signedPrefixOf, withSignedPrefix } from "./signed-source";

const oldPrefix = "http://edge-a:8081/t/AAAAAAAAAAAAAAAAAAAAAA/1900000000/viewer1/show1/";
const newPrefix = "https://edge-b.example.com/t/BBBBBBBBBBBBBBBBBBBBBB/1900000300/viewer1/show1/";

describe("signed prefix rewrite (token renewal and edge failover)", () => {
  it("finds the signed prefix of master, rendition and segment URLs", () => {
    for (const file of ["show1.m3u8", "show1_480p/index.m3u8", "show1_480p/42.ts"]) expect(signedPrefixOf(oldPrefix + file)).toBe(oldPrefix);
    expect(signedPrefixOf("http://edge-a:8081/hls/show1.m3u8")).toBeNull();
  });

  it("moves every request to the fresh token on the new edge and leaves other URLs alone", () => {
    expect(withSignedPrefix(`${oldPrefix}show1_480p/42.ts`, newPrefix)).toBe(`${newPrefix}show1_480p/42.ts`);
    expect(withSignedPrefix("https://cdn.example.com/poster.jpg", newPrefix)).toBe("https://cdn.example.com/poster.jpg");
  });
});

describe("mergeHlsConfig", () => {
  it("replaces fragment counts when an override gives the live sync in seconds (hls.js refuses both)", () => {
    const merged = mergeHlsConfig(LOW_LATENCY_HLS_CONFIG, { liveSyncDuration: 1.5, liveMaxLatencyDuration: 4 });
    expect(merged.liveSyncDuration).toBe(1.5);
    expect(merged.liveSyncDurationCount).toBeUndefined();
    expect(merged.liveMaxLatencyDurationCount).toBeUndefined();
    expect(mergeHlsConfig(LOW_LATENCY_HLS_CONFIG, { maxLiveSyncPlaybackRate: 1.1 }).liveSyncDurationCount).toBe(LOW_LATENCY_HLS_CONFIG.liveSyncDurationCount);
  });
});
