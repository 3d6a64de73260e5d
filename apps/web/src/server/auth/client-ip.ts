/**
 * The client IP of a sign-in request, for per-IP throttling.
 *
 * Reads the first hop of `x-forwarded-for` (the original client as the first
 * proxy saw it; `next start` sets the header to the socket's address when no
 * proxy did), else `x-real-ip` (nginx), else "unknown". The value is only as
 * trustworthy as the proxy in front of the app: deploy behind one that
 * overwrites these headers. Header format:
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For
 */

/** Longest IP string kept (an IPv6 address with zone id fits); longer values are cut. */
export const MAX_CLIENT_IP_LENGTH = 64;

/** Client IP from request headers: first `x-forwarded-for` hop, else `x-real-ip`, else "unknown" (trimmed, at most 64 characters). */
export function clientIpFrom(headers: Headers | undefined): string {
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  const real = headers?.get("x-real-ip")?.trim();
  const ip = forwarded || real || "unknown";
  return ip.slice(0, MAX_CLIENT_IP_LENGTH);
}
