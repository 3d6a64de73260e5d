import { createHash } from "node:crypto";
import { assertEdgeSecret, assertStreamId, assertViewerId } from "./format";

/** What a signed edge URL grants: one viewer, one stream, until `expiresAt`. */
export interface EdgeGrant {
  /** Stream id on the origin (the event id). */
  streamId: string;
  /** Opaque viewer id, stable across renewals (the edge counts distinct ids). */
  viewerId: string;
  /** Unix time in seconds after which the edge answers 410 Gone. */
  expiresAt: number;
}

/**
 * The secure_link token of a grant: base64url without padding of
 * MD5("<expiresAt>/<viewerId>/<streamId> <secret>"), as nginx's
 * `secure_link_md5 "$exp/$vid/$sid <secret>"` computes it
 * (https://nginx.org/en/docs/http/ngx_http_secure_link_module.html#secure_link_md5).
 * Throws an Error on an invalid id or secret.
 */
export function edgeToken(grant: EdgeGrant, secret: string): string {
  assertEdgeSecret(secret);
  assertStreamId(grant.streamId);
  assertViewerId(grant.viewerId);
  if (!Number.isInteger(grant.expiresAt) || grant.expiresAt <= 0) throw new Error("expiresAt must be a positive integer (s)");
  return createHash("md5").update(`${grant.expiresAt}/${grant.viewerId}/${grant.streamId} ${secret}`).digest("base64url");
}

/** The signed path prefix of a grant: `/t/<token>/<expires>/<viewerId>/<streamId>/`. */
export function edgePathPrefix(grant: EdgeGrant, secret: string): string {
  return `/t/${edgeToken(grant, secret)}/${grant.expiresAt}/${grant.viewerId}/${grant.streamId}/`;
}

/**
 * The signed master playlist URL of a grant on one edge:
 * `<edgeBaseUrl>/t/<token>/<expires>/<viewerId>/<streamId>/<streamId>.m3u8`.
 * `edgeBaseUrl` is the edge's origin, e.g. `https://edge-1.example.com` (a
 * trailing slash is ignored). Throws an Error on an invalid id or secret.
 */
export function signEdgeUrl(edgeBaseUrl: string, grant: EdgeGrant, secret: string): string {
  return `${edgeBaseUrl.replace(/\/+$/, "")}${edgePathPrefix(grant, secret)}${grant.streamId}.m3u8`;
}

/** Name of the replay (VOD) rendition the origin writes after a show: `<streamId>_replay/index.m3u8`. */
export const REPLAY_RENDITION = "replay";

/**
 * The signed URL of a show's replay playlist on one edge:
 * `<edgeBaseUrl>/t/<token>/<expires>/<viewerId>/<streamId>/<streamId>_replay/index.m3u8`
 * (the same grant and gating as live; segments are relative to the playlist).
 * Throws an Error on an invalid id or secret.
 */
export function signEdgeReplayUrl(edgeBaseUrl: string, grant: EdgeGrant, secret: string): string {
  return `${edgeBaseUrl.replace(/\/+$/, "")}${edgePathPrefix(grant, secret)}${grant.streamId}_${REPLAY_RENDITION}/index.m3u8`;
}
