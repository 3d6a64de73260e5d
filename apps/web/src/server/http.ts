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
  if (!isAppError(error) || status >= 500) logger().error({ err: error }, "request failed");
  return NextResponse.json(toErrorBody(error), { status });
}

/** Runs a route handler body and maps thrown errors with errorResponse. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}
