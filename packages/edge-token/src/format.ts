/**
 * The shape of a signed edge URL path, shared by the signer (web app) and the
 * edge's nginx config (infra/nginx/render-edge.ts), which checks it with
 * `secure_link` / `secure_link_md5`
 * (https://nginx.org/en/docs/http/ngx_http_secure_link_module.html):
 *
 *   /t/<token>/<expires>/<viewerId>/<streamId>/<file>
 *
 *   - token:    base64url (no padding) of MD5("<expires>/<viewerId>/<streamId> <secret>"),
 *               22 characters
 *   - expires:  Unix time in seconds after which the edge answers 410
 *   - viewerId: opaque id of the viewer (stable across renewals), counted by
 *               the edge's viewer counter
 *   - streamId: the show's stream name on the origin (its event id)
 *   - file:     `<streamId>.m3u8` (master playlist), or
 *               `<streamId>_<rendition>/index.m3u8` / `<streamId>_<rendition>/<n>.ts`
 *
 * Relative URIs inside the playlists resolve under the same prefix, so the
 * playlists need no rewriting and one token covers one show only.
 */

/** Characters allowed in a stream id (event ids are cuids); 1–64 long. */
export const STREAM_ID_PATTERN = "[A-Za-z0-9]{1,64}";
/** Characters allowed in a viewer id; 1–64 long. */
export const VIEWER_ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
/** Characters allowed in a rendition name (the hls_variant suffix without "_"); 1–16 long. */
export const RENDITION_NAME_PATTERN = "[A-Za-z0-9]{1,16}";
/**
 * Characters allowed in the shared edge secret: it is written verbatim into
 * nginx's `secure_link_md5` expression, so no `$`, quotes, spaces or braces.
 */
export const EDGE_SECRET_PATTERN = "^[A-Za-z0-9_-]{32,128}$";

const streamIdRe = new RegExp(`^${STREAM_ID_PATTERN}$`);
const viewerIdRe = new RegExp(`^${VIEWER_ID_PATTERN}$`);
const secretRe = new RegExp(EDGE_SECRET_PATTERN);

/** Throws an Error unless `id` is a valid stream id. */
export function assertStreamId(id: string): void {
  if (!streamIdRe.test(id)) throw new Error(`invalid stream id ${JSON.stringify(id)}: expected ${STREAM_ID_PATTERN}`);
}

/** Throws an Error unless `id` is a valid viewer id. */
export function assertViewerId(id: string): void {
  if (!viewerIdRe.test(id)) throw new Error(`invalid viewer id ${JSON.stringify(id)}: expected ${VIEWER_ID_PATTERN}`);
}

/** Throws an Error unless `secret` is usable as an edge secret (EDGE_SECRET_PATTERN). */
export function assertEdgeSecret(secret: string): void {
  if (!secretRe.test(secret)) throw new Error("edge token secret must be 32-128 characters of [A-Za-z0-9_-]");
}
