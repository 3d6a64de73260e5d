/**
 * The one error type of Limelight. Domain code throws `AppError` with a code;
 * transports map the code to an HTTP status (`httpStatusFor`) or to a socket.io
 * ack `{ error: { code, message } }` (`toErrorBody`). Anything that is not an
 * AppError is reported as INTERNAL with a generic message, never its own text.
 */

/** Every error code Limelight reports, with its HTTP status. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  /** A socket.io request payload failed its zod schema (details: {path}). */
  INVALID_ARGUMENT: 400,
  INVALID_SIGNATURE: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** A socket.io event name the media service does not handle. */
  UNKNOWN_EVENT: 404,
  CONFLICT: 409,
  SOLD_OUT: 409,
  ALREADY_HAS_TICKET: 409,
  EVENT_NOT_ON_SALE: 409,
  EVENT_NOT_LIVE: 409,
  INVALID_TRANSITION: 409,
  HOSTS_FULL: 409,
  OUTSIDE_SHOW_WINDOW: 409,
  REPLAY_UNAVAILABLE: 409,
  SESSION_TAKEN_OVER: 409,
  TOKEN_EXPIRED: 410,
  REPLAY_EXPIRED: 410,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_FAILED: 502,
  MEDIA_SERVER_UNAVAILABLE: 503,
  COMPOSITE_NOT_CONFIGURED: 503,
  PROVIDER_UNAVAILABLE: 503,
  /** The server is at its admission limit for this kind of request (details: {retryAfterMs}); the reply carries Retry-After. */
  OVERLOADED: 503,
  TIMEOUT: 504,
} as const;

/** One of the codes in ERROR_STATUS. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** JSON body of every error reply (HTTP) and error ack (socket.io). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; path?: (string | number)[]; details?: unknown };
}

/**
 * A failure the caller may see. `message` is shown to users; `details` (for
 * example zod issues) is safe to show; `path` names the first invalid field
 * of an input that failed its schema (zod issue path, keys and indexes);
 * `cause` is logged, never shown.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly path: (string | number)[] | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown; path?: (string | number)[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.path = options.path;
  }

  /** HTTP status of this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True when `value` is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === "AppError" && "code" in value);
}

/** HTTP status for an error code (500 for anything unknown). */
export function httpStatusFor(error: unknown): number {
  return isAppError(error) ? ERROR_STATUS[error.code] : 500;
}

/**
 * The public JSON body for any thrown value (`{error: {code, message, path?, details?}}`,
 * errorBodySchema of @limelight/contracts). Non-AppErrors (and INTERNAL)
 * become `{code: "INTERNAL", message: "Something went wrong"}`: internals never leak.
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (isAppError(error) && error.code !== "INTERNAL") {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.path !== undefined) body.error.path = error.path;
    if (error.details !== undefined) body.error.details = error.details;
    return body;
  }
  return { error: { code: "INTERNAL", message: "Something went wrong" } };
}
