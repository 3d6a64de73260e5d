/** The browser's reading of access token expiry (used to renew a token before a socket.io reconnection). */
import { describe, expect, it } from "vitest";
import { signAccessToken } from "@limelight/access-token";
import { secondsUntilExpiry } from "../../src/components/media/media-connection";

const SECRET = "token-expiry-test-secret-0123456789abcdef";
const claims = { userId: "u1", eventId: "e1", ticketId: "t1", role: "viewer" as const, deviceId: "d1", name: "Vic" };

describe("secondsUntilExpiry", () => {
  it("reads the remaining lifetime of a real access token", async () => {
    const now = Date.now();
    const token = await signAccessToken(claims, SECRET, { ttlSeconds: 600, now });
    const left = secondsUntilExpiry(token, now);
    expect(left).toBeGreaterThan(599);
    expect(left).toBeLessThanOrEqual(600);
    expect(secondsUntilExpiry(token, now + 601_000)).toBe(0);
  });

  it("treats unreadable tokens as expired so a fresh one is fetched", () => {
    expect(secondsUntilExpiry("")).toBe(0);
    expect(secondsUntilExpiry("not-a-jwt")).toBe(0);
    expect(secondsUntilExpiry("a.!!!.c")).toBe(0);
  });
});
