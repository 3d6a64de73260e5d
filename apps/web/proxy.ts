/**
 * Next.js proxy (formerly middleware): refuses oversize server-action bodies
 * BEFORE Next.js parses them, with 413 and a JSON error body. Without it a
 * body over `serverActions.bodySizeLimit` (next.config.ts) ends in a 500.
 * Route handlers check their own, smaller limits while reading
 * (src/server/read-body.ts). A server-action POST without Content-Length
 * (a chunked body; browsers always send the length) or with a malformed body
 * is refused with 400, as is a path that is not valid percent-encoding.
 * Source: https://nextjs.org/docs/app/api-reference/file-conventions/proxy
 */
import { NextResponse, type NextRequest } from "next/server";
import { AppError, httpStatusFor, toErrorBody } from "@limelight/domain";
import { BODY_LIMITS } from "@/server/read-body";

/**
 * The proxy function Next.js calls for every matched request: a path that
 * is not valid percent-encoded UTF-8 → 400 JSON (Next.js would fail decoding
 * its dynamic segments with a 500); a server-action POST past the body limit
 * → 413 JSON, without Content-Length → 400, with a body that is not a
 * well-formed encoded reply (multipart form data, or JSON text) → 400.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return refuse(new AppError("BAD_REQUEST", "The address is not valid"));
  }
  if (request.method !== "POST" || !request.headers.has("next-action")) return NextResponse.next();
  const length = request.headers.get("content-length");
  if (length === null) return refuse(new AppError("BAD_REQUEST", "A Content-Length header is required"));
  const bytes = Number(length);
  if (!Number.isFinite(bytes) || bytes < 0) return refuse(new AppError("BAD_REQUEST", "Invalid Content-Length"));
  if (bytes > BODY_LIMITS.serverAction) return refuse(new AppError("TOO_LARGE", `The request body is larger than ${BODY_LIMITS.serverAction / 1024} KiB`));
  if (!(await isWellFormedActionBody(request))) return refuse(new AppError("BAD_REQUEST", "Malformed server action request"));
  return NextResponse.next();
}

/**
 * React's client sends a server action's arguments as multipart form data
 * (when they hold FormData) or as JSON text; anything else makes Next.js's
 * decoder throw (a 500). Reads a clone of the body (at most the limit above).
 */
async function isWellFormedActionBody(request: NextRequest): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data")) {
      await request.clone().formData();
      return true;
    }
    JSON.parse(await request.clone().text());
    return true;
  } catch {
    return false;
  }
}

function refuse(error: AppError): NextResponse {
  return NextResponse.json(toErrorBody(error), { status: httpStatusFor(error) });
}

/**
 * Only the requests the proxy has work for, so that no other request pays
 * for it (running the proxy cost 1–2 ms of CPU per request: on the Buy
 * route about 14 % of its CPU, bench/on-sale-http): server actions (a POST
 * carrying the Next-Action header, sent to a page's path) and paths with a
 * percent sign (the only ones that can be malformed percent-encoding).
 * Static files and images are never matched.
 * Source: https://nextjs.org/docs/app/api-reference/file-conventions/proxy#matcher
 */
export const config = {
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico).*)", has: [{ type: "header", key: "next-action" }] },
    "/((?!_next/static|_next/image|favicon.ico).*%.*)",
  ],
};
