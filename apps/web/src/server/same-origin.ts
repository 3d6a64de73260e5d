import { AppError } from "@limelight/domain";

/**
 * Cross-site request forgery guard for route handlers that change state on
 * behalf of the signed-in user (the check Next.js runs before every server
 * action): the request's `Origin` header must name the host the request
 * was sent to (`X-Forwarded-Host` when a proxy set it, else `Host`).
 * Browsers send `Origin` with every POST (Fetch standard, "origin header");
 * a request without one, or from another site, is refused.
 * Throws AppError FORBIDDEN (403).
 * Sources: https://fetch.spec.whatwg.org/#origin-header ,
 * https://owasp.org/www-community/attacks/csrf (verifying origin with standard headers).
 */
export function assertSameOrigin(headers: Headers): void {
  const origin = headers.get("origin");
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]?.trim().toLowerCase();
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== "null" ? new URL(origin).host.toLowerCase() : null;
  } catch {
    originHost = null;
  }
  if (!originHost || !host || originHost !== host) throw new AppError("FORBIDDEN", "This request must come from the Limelight site itself");
}
