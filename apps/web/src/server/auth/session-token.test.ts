import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { sessionClaims } from "./session-token";

const SECRET = "session-token-test-secret-0123456789abcdef";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

/** A session cookie exactly as Auth.js issues it at sign-in (JWE keyed by AUTH_SECRET and the cookie name). */
async function issued(name: string, claims: Record<string, unknown>, options: { secret?: string; maxAge?: number } = {}): Promise<string> {
  return encode({ secret: options.secret ?? SECRET, salt: name, token: claims, maxAge: options.maxAge ?? 3600 });
}

function request(cookie: string, proto = "http"): Headers {
  return new Headers({ cookie, "x-forwarded-proto": proto });
}

describe("session cookie decoding (currentActor's view of the Auth.js session)", () => {
  it("reads the user id and role from the cookie Auth.js issued, the same claims Auth.js's own decoder returns", async () => {
    const token = await issued(PLAIN, { sub: "user_1", role: "admin", email: "a@example.test" });
    const ours = await sessionClaims(request(`theme=dark; ${PLAIN}=${token}`), SECRET);
    expect(ours).toMatchObject({ sub: "user_1", role: "admin" });
    expect(ours).toEqual(await decode({ token, secret: SECRET, salt: PLAIN }));
    // Decoded again (the derived key now comes from the cache): same answer.
    expect(await sessionClaims(request(`${PLAIN}=${token}`), SECRET)).toEqual(ours);
  });

  it("uses the __Secure- cookie over https, as Auth.js does, and a cookie made for the other name does not decode", async () => {
    const secure = await issued(SECURE, { sub: "user_2", role: "viewer" });
    expect(await sessionClaims(request(`${SECURE}=${secure}`, "https"), SECRET)).toMatchObject({ sub: "user_2" });
    expect(await sessionClaims(request(`${SECURE}=${secure}`, "http"), SECRET)).toBeNull();
    // The plain cookie's token under the secure name (its key is derived from the name): refused.
    const plain = await issued(PLAIN, { sub: "user_2", role: "admin" });
    expect(await sessionClaims(request(`${SECURE}=${plain}`, "https"), SECRET)).toBeNull();
  });

  it("is signed out with no cookie, a tampered or foreign token, an expired session, or only a Bearer header", async () => {
    const token = await issued(PLAIN, { sub: "user_3", role: "admin" });
    expect(await sessionClaims(new Headers({ "x-forwarded-proto": "http" }), SECRET)).toBeNull();
    const tampered = `${token.slice(0, -6)}${token.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    expect(await sessionClaims(request(`${PLAIN}=${tampered}`), SECRET)).toBeNull();
    expect(await sessionClaims(request(`${PLAIN}=not-a-jwt`), SECRET)).toBeNull();
    const foreign = await issued(PLAIN, { sub: "user_3", role: "admin" }, { secret: "another-deployment-secret-0123456789abcdef" });
    expect(await sessionClaims(request(`${PLAIN}=${foreign}`), SECRET)).toBeNull();
    const expired = await issued(PLAIN, { sub: "user_3", role: "admin" }, { maxAge: -60 });
    expect(await sessionClaims(request(`${PLAIN}=${expired}`), SECRET)).toBeNull();
    expect(await sessionClaims(new Headers({ authorization: `Bearer ${token}`, "x-forwarded-proto": "http" }), SECRET)).toBeNull();
  });
});

describe("the session cookie's decryption (A256CBC-HS512 with node:crypto)", () => {
  it("refuses what jose refuses: a flipped ciphertext bit, another header, a cut token, a token not yet valid", async () => {
    const token = await issued(PLAIN, { sub: "user_4", role: "viewer" });
    const [head = "", key = "", iv = "", ciphertext = "", tag = ""] = token.split(".");
    const bytes = Buffer.from(ciphertext, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const flipped = [head, key, iv, bytes.toString("base64url"), tag].join(".");
    const otherHeader = [Buffer.from(JSON.stringify({ alg: "dir", enc: "A256CBC-HS512", zip: "DEF" })).toString("base64url"), key, iv, ciphertext, tag].join(".");
    for (const bad of [flipped, otherHeader, token.split(".").slice(0, 4).join("."), `${token}.x`]) {
      expect(await sessionClaims(request(`${PLAIN}=${bad}`), SECRET)).toBeNull();
      await expect(decode({ token: bad, secret: SECRET, salt: PLAIN })).rejects.toThrow();
    }
    const future = await encode({ secret: SECRET, salt: PLAIN, token: { sub: "user_4", role: "viewer", nbf: Math.floor(Date.now() / 1000) + 3600 }, maxAge: 7200 });
    expect(await sessionClaims(request(`${PLAIN}=${future}`), SECRET)).toBeNull();
    await expect(decode({ token: future, secret: SECRET, salt: PLAIN })).rejects.toThrow(/nbf/);
  });
});
