import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed unsubscribe tokens for reminder mails: `<userId>.<HMAC-SHA256 of
 * "reminders-unsubscribe:<userId>" with the secret, base64url>`. They work
 * without signing in, do not expire (an old mail's link must keep working)
 * and only ever turn reminders off.
 */
export function unsubscribeToken(userId: string, secret: string): string {
  return `${userId}.${sign(userId, secret)}`;
}

/** The user id of a valid token, or null (malformed or not signed with `secret`). Constant-time comparison. */
export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(userId, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

function sign(userId: string, secret: string): string {
  return createHmac("sha256", secret).update(`reminders-unsubscribe:${userId}`).digest("base64url");
}
