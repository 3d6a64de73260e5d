import { NextResponse } from "next/server";
import { httpStatusFor, toErrorBody, isAppError } from "@limelight/domain";
import { logger } from "./logger";

/**
 * Turns any thrown value into a JSON error response: AppError codes map to
 * their HTTP status (packages/domain/src/app-error.ts); anything else is a
 * logged 500 with `{error:{code:"INTERNAL",message:"Something went wrong"}}`.
 */
export function errorResponse(error: unknown): NextResponse {
  const status = httpStatusFor(error);
  const retryAfterMs = retryAfterMsOf(error);
  if (!isAppError(error) || (status >= 500 && error.code !== "OVERLOADED")) logger().error({ err: error }, "request failed");
  const headers: Record<string, string> = retryAfterMs === null ? {} : { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return NextResponse.json(toErrorBody(error), { status, headers });
}

/**
 * `details.retryAfterMs` of an AppError RATE_LIMITED or OVERLOADED (ms), else
 * null. Sent as `Retry-After` in whole seconds (RFC 9110 section 10.2.3).
 */
function retryAfterMsOf(error: unknown): number | null {
  if (!isAppError(error) || (error.code !== "RATE_LIMITED" && error.code !== "OVERLOADED")) return null;
  const details = error.details as { retryAfterMs?: unknown } | undefined;
  return typeof details?.retryAfterMs === "number" && Number.isFinite(details.retryAfterMs) ? details.retryAfterMs : null;
}

/** Runs a route handler body and maps thrown errors with errorResponse. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}
