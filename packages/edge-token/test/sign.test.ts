import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { edgePathPrefix, edgeToken, signEdgeUrl } from "../src/index";

const secret = "sign-test-secret-0123456789abcdefghijklm";
const grant = { streamId: "evt123", viewerId: "viewer_1-a", expiresAt: 1_900_000_000 };

describe("signEdgeUrl", () => {
  it("builds the master playlist URL under a path prefix scoped to one viewer and one show", () => {
    const url = signEdgeUrl("https://edge-1.example.com/", grant, secret);
    expect(url).toBe(`https://edge-1.example.com/t/${edgeToken(grant, secret)}/1900000000/viewer_1-a/evt123/evt123.m3u8`);
    expect(edgePathPrefix(grant, secret)).toBe(`/t/${edgeToken(grant, secret)}/1900000000/viewer_1-a/evt123/`);
  });

  it("signs MD5 of '<expires>/<viewer>/<stream> <secret>' as unpadded base64url, the secure_link_md5 format", () => {
    const token = edgeToken(grant, secret);
    const expected = createHash("md5").update(`1900000000/viewer_1-a/evt123 ${secret}`).digest();
    expect(Buffer.from(token, "base64url")).toEqual(expected);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("gives different tokens to other shows, viewers, expiries and secrets", () => {
    const tokens = new Set([
      edgeToken(grant, secret),
      edgeToken({ ...grant, streamId: "evt124" }, secret),
      edgeToken({ ...grant, viewerId: "viewer_2" }, secret),
      edgeToken({ ...grant, expiresAt: grant.expiresAt + 1 }, secret),
      edgeToken(grant, `${secret}x`),
    ]);
    expect(tokens.size).toBe(5);
  });

  it.each([
    ["a stream id with a slash", { ...grant, streamId: "evt/123" }, secret],
    ["a stream id with dots", { ...grant, streamId: ".." }, secret],
    ["an empty viewer id", { ...grant, viewerId: "" }, secret],
    ["a fractional expiry", { ...grant, expiresAt: 1.5 }, secret],
    ["a short secret", grant, "short"],
    ["a secret with a nginx variable", grant, `${secret}$uri`],
  ])("refuses %s", (_label, g, s) => {
    expect(() => edgeToken(g, s)).toThrow();
  });
});
