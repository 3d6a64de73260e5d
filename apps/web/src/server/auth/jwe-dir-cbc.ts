/**
 * Decryption of a JWE with `"alg":"dir"` and `"enc":"A256CBC-HS512"` (the
 * format of Auth.js session cookies) in compact serialization, with
 * node:crypto, synchronously. jose (which Auth.js uses) does the same through
 * WebCrypto: two key imports, the tag, and a timing-safe compare made of a
 * fresh HMAC key and a sign and a verify, each an async job on the thread
 * pool; on the on-sale rush that was about a tenth of the server's CPU per
 * Buy press (bench/on-sale-http). Same checks, same answers: a token jose
 * refuses is refused here.
 * Sources: RFC 7516 section 7.1 (compact serialization) and 5.2 (decryption),
 * RFC 7518 section 5.2.2.2 (AES_CBC_HMAC_SHA2 decryption) and 5.2.5
 * (A256CBC-HS512: MAC_KEY = first 32 bytes, ENC_KEY = last 32, tag = first
 * 32 bytes of HMAC-SHA-512 over AAD || IV || ciphertext || AL).
 */
import { createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";

/** The protected header of a JWE, as decoded (unchecked beyond being a JSON object). */
export type JweHeader = Record<string, unknown>;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Bytes of an unpadded base64url string; throws Error when it is not one. */
function fromBase64Url(part: string, what: string): Buffer {
  if (!BASE64URL.test(part) || part.length % 4 === 1) throw new Error(`JWE ${what} is not base64url`);
  return Buffer.from(part, "base64url");
}

/**
 * The protected header of a compact JWE (a JSON object), without decrypting
 * anything. Throws Error when the token is not five base64url parts or the
 * header is not a JSON object.
 */
export function jweHeader(token: string): JweHeader {
  const parts = token.split(".");
  if (parts.length !== 5) throw new Error("not a compact JWE");
  const header: unknown = JSON.parse(fromBase64Url(parts[0] ?? "", "header").toString("utf8"));
  if (typeof header !== "object" || header === null || Array.isArray(header)) throw new Error("JWE header is not an object");
  return header as JweHeader;
}

/**
 * Decrypts `token` (compact JWE, `"alg":"dir"`, `"enc":"A256CBC-HS512"`, no
 * `zip`, no `crit`, an empty encrypted key) with the 64-byte content
 * encryption `key`. Returns the plaintext bytes. Throws Error for any other
 * algorithm or header, malformed parts, a wrong IV or tag length, a tag that
 * does not match (tampered, or another key), or bad padding.
 */
export function decryptDirA256CbcHs512(token: string, key: Uint8Array): Buffer {
  if (key.byteLength !== 64) throw new Error("A256CBC-HS512 needs a 64-byte key");
  const header = jweHeader(token);
  if (header.alg !== "dir" || header.enc !== "A256CBC-HS512") throw new Error("unsupported JWE algorithm");
  if ("zip" in header || "crit" in header) throw new Error("unsupported JWE header parameter");
  const [protectedPart = "", encryptedKey = "", ivPart = "", ciphertextPart = "", tagPart = ""] = token.split(".");
  if (encryptedKey !== "") throw new Error("a direct-key JWE has no encrypted key");
  const iv = fromBase64Url(ivPart, "iv");
  const ciphertext = fromBase64Url(ciphertextPart, "ciphertext");
  const tag = fromBase64Url(tagPart, "tag");
  if (iv.length !== 16 || tag.length !== 32) throw new Error("JWE iv or tag has the wrong length");
  const aad = Buffer.from(protectedPart, "ascii");
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length) * 8n);
  const expected = createHmac("sha512", key.subarray(0, 32)).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, 32);
  if (!timingSafeEqual(expected, tag)) throw new Error("JWE decryption failed");
  const decipher = createDecipheriv("aes-256-cbc", key.subarray(32, 64), iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
