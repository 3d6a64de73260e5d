/**
 * Path-scoped, expiring URL tokens for HLS edges (nginx `secure_link`).
 * See ./format.ts for the URL layout and ./sign.ts for signing.
 */
export * from "./format";
export * from "./sign";
