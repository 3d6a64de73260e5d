import { createHash } from "node:crypto";

/**
 * Stable opaque viewer id for edge URLs: the first 22 base64url characters of
 * SHA-256("<eventId>:<userId>"). The same across renewals and for live and
 * replay, so the edge counts a viewer once.
 */
export function edgeViewerId(userId: string, eventId: string): string {
  return createHash("sha256").update(`${eventId}:${userId}`).digest("base64url").slice(0, 22);
}
