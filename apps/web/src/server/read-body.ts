import { AppError } from "@limelight/domain";

/** Body limits in bytes: JSON API routes, webhook deliveries, and server actions (next.config.ts `serverActions.bodySizeLimit`). */
export const BODY_LIMITS = {
  json: 64 * 1024,
  webhook: 1024 * 1024,
  serverAction: 1024 * 1024,
} as const;

/**
 * Reads a request body as UTF-8 text, refusing more than `maxBytes`: first by
 * its Content-Length header (before reading anything), then while reading
 * (chunked bodies), so an oversize body is never buffered whole.
 * Throws AppError TOO_LARGE (HTTP 413) past the limit, BAD_REQUEST when the
 * body cannot be read.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", "The request body could not be read", { cause: error });
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a JSON body of at most `maxBytes` (default BODY_LIMITS.json); empty → `fallback`. Throws TOO_LARGE, BAD_REQUEST `message` for bad JSON. */
export async function readJsonBody(request: Request, message: string, fallback?: unknown, maxBytes: number = BODY_LIMITS.json): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  if (!text.trim() && fallback !== undefined) return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", message);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("TOO_LARGE", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB`);
}
