/**
 * Verification of a compact JWS signed with HMAC-SHA256 ("HS256"), with
 * node:crypto, synchronously. jose verifies the same through WebCrypto: a
 * job on the thread pool per token, about 4 % of the media node's CPU per
 * viewer join (bench/viewer-join). The checks are jose's for an HS256-only
 * key: a token jose refuses is refused here (packages/access-token/test).
 * Sources: RFC 7515 section 7.1 (compact serialization) and 5.2 (validation:
 * the protected header is a JSON object, `crit` is understood or refused),
 * RFC 7518 section 3.2 (HS256: HMAC SHA-256 over ASCII(header "." payload),
 * compared in constant time).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Bytes of an unpadded base64url string; throws Error when it is not one. */
function fromBase64Url(part: string, what: string): Buffer {
  if (!BASE64URL.test(part) || part.length % 4 === 1) throw new Error(`JWS ${what} is not base64url`);
  return Buffer.from(part, "base64url");
}

/** A JSON object parsed from base64url-encoded UTF-8; throws Error otherwise. */
function jsonObject(part: string, what: string): Record<string, unknown> {
  const value: unknown = JSON.parse(fromBase64Url(part, what).toString("utf8"));
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`JWS ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * Checks `token` (compact JWS: header.payload.signature, header
 * `{"alg":"HS256"}` with no `crit` and no `b64`) against `key` (the HMAC
 * secret's bytes) and returns its payload as a JSON object (claims not
 * checked here). Throws Error for another algorithm or header, malformed
 * parts, a payload that is not a JSON object, or a signature that does not
 * match (tampered, or another key).
 */
export function verifyHs256(token: string, key: Uint8Array): Record<string, unknown> {
  const parts = token.split(".");
  if (parts.length !== 3) throw new Error("not a compact JWS");
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  const header = jsonObject(headerPart, "header");
  if (header.alg !== "HS256") throw new Error("JWS algorithm is not HS256");
  // Unknown critical extensions must be refused (RFC 7515 section 4.1.11); b64:false changes what is signed (RFC 7797).
  if (header.crit !== undefined || header.b64 !== undefined) throw new Error("JWS header extension not supported");
  const signature = fromBase64Url(signaturePart, "signature");
  const expected = createHmac("sha256", key).update(`${headerPart}.${payloadPart}`).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) throw new Error("JWS signature verification failed");
  return jsonObject(payloadPart, "payload");
}
