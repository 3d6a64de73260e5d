import { createHmac } from "node:crypto";
import { SignJWT, jwtVerify, errors, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { AccessTokenError, signAccessToken, verifyAccessToken, type AccessClaims } from "../src/index";

const SECRET = "access-token-test-secret-0123456789abcdef";
const key = new TextEncoder().encode(SECRET);
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const nowS = Math.floor(NOW / 1000);
const input = { userId: "user1", eventId: "event1", ticketId: "ticket1", role: "viewer" as const, deviceId: "device1", name: "Ada" };
const claims = { eid: "event1", tid: "ticket1", role: "viewer", did: "device1", name: "Ada" };

type Verdict = "ok" | "expired" | "invalid";

/** What the media service answers for `token` at `now` (ms). */
async function ours(token: string, now = NOW): Promise<Verdict> {
  try {
    await verifyAccessToken(token, SECRET, { now });
    return "ok";
  } catch (error) {
    if (!(error instanceof AccessTokenError)) throw error;
    return error.reason;
  }
}

/** What jose's jwtVerify answers with the same rules (HS256 only, issuer, audience, no clock tolerance). */
async function jose(token: string, now = NOW): Promise<Verdict> {
  try {
    await jwtVerify(token, key, { issuer: "limelight-web", audience: "limelight-media", algorithms: ["HS256"], currentDate: new Date(now) });
    return "ok";
  } catch (error) {
    return error instanceof errors.JWTExpired ? "expired" : "invalid";
  }
}

function sign(payload: JWTPayload, header: Record<string, unknown> = { alg: "HS256", typ: "JWT" }, secret: Uint8Array = key): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(secret);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A compact JWS over any header, signed with the test secret (RFC 7518 section 3.2), for headers jose will not sign. */
function hs256(header: string, payload: string): string {
  return `${header}.${payload}.${createHmac("sha256", key).update(`${header}.${payload}`).digest("base64url")}`;
}

describe("access tokens verified by the media service", () => {
  it("admits the web app's token and returns its claims", async () => {
    const token = await signAccessToken(input, SECRET, { now: NOW, ttlSeconds: 600 });
    const verified: AccessClaims = await verifyAccessToken(token, SECRET, { now: NOW + 1_000 });
    expect(verified).toEqual({ ...input, issuedAt: nowS, expiresAt: nowS + 600 });
  });

  it("answers 'expired' from the second the token expires, as jose does", async () => {
    const token = await signAccessToken(input, SECRET, { now: NOW, ttlSeconds: 60 });
    for (const at of [NOW + 59_000, NOW + 60_000, NOW + 3_600_000]) expect(await ours(token, at)).toBe(await jose(token, at));
    expect(await ours(token, NOW + 59_000)).toBe("ok");
    expect(await ours(token, NOW + 60_000)).toBe("expired");
  });

  it("refuses every forged, foreign or malformed token that jose refuses", async () => {
    const good = await signAccessToken(input, SECRET, { now: NOW });
    const [h, p, s] = good.split(".") as [string, string, string];
    const flipped = Buffer.from(s, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const registered = { sub: "user1", iss: "limelight-web", aud: "limelight-media", iat: nowS, exp: nowS + 600 };
    const cases: Record<string, string> = {
      "flipped signature bit": `${h}.${p}.${flipped.toString("base64url")}`,
      "payload swapped (role admin) under the old signature": `${h}.${b64({ ...registered, ...claims, role: "admin" })}.${s}`,
      "another secret": await sign({ ...registered, ...claims }, undefined, new TextEncoder().encode("another-secret-0123456789abcdef-xyz")),
      "alg none": `${b64({ alg: "none", typ: "JWT" })}.${p}.`,
      "HS512 with the same secret": await sign({ ...registered, ...claims }, { alg: "HS512" }),
      "another audience": await sign({ ...registered, ...claims, aud: "someone-else" }),
      "another issuer": await sign({ ...registered, ...claims, iss: "someone-else" }),
      "an unknown critical header": hs256(b64({ alg: "HS256", crit: ["x-limelight"], "x-limelight": 1 }), p),
      "not before a time still to come": await sign({ ...registered, ...claims, nbf: nowS + 60 }),
      "two parts": `${h}.${p}`,
      "four parts": `${good}.x`,
      "a header that is not JSON": `${Buffer.from("{alg").toString("base64url")}.${p}.${s}`,
      "a payload that is a JSON array": `${h}.${b64([1, 2])}.${s}`,
      empty: "",
    };
    for (const [name, token] of Object.entries(cases)) {
      expect({ name, verdict: await ours(token) }).toEqual({ name, verdict: "invalid" });
      expect({ name, verdict: await jose(token) }).toEqual({ name, verdict: "invalid" });
    }
  });

  it("refuses base64 padding, which RFC 7515 leaves out (stricter than jose, which admits it)", async () => {
    const good = await signAccessToken(input, SECRET, { now: NOW });
    expect(await ours(`${good}=`)).toBe("invalid");
  });

  it("refuses a correctly signed token that lacks a claim the media service needs", async () => {
    const registered = { sub: "user1", iss: "limelight-web", aud: "limelight-media", iat: nowS, exp: nowS + 600 };
    const { did: _did, ...withoutDevice } = claims;
    expect(await jose(await sign({ ...registered, ...withoutDevice }))).toBe("ok");
    expect(await ours(await sign({ ...registered, ...withoutDevice }))).toBe("invalid");
    expect(await ours(await sign({ ...registered, ...claims, role: "superuser" }))).toBe("invalid");
  });

  it("admits an audience list that names the media service, as jose does", async () => {
    const token = await sign({ sub: "user1", iss: "limelight-web", aud: ["limelight-media", "other"], iat: nowS, exp: nowS + 600, ...claims });
    expect(await ours(token)).toBe("ok");
    expect(await jose(token)).toBe("ok");
  });
});
