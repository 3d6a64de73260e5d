/**
 * Access tokens for the media service, as the browser gets them from the web
 * app: `POST /api/access-token {eventId}` → `{token, mediaUrl, ...}` (a JWT from
 * @limelight/access-token and the media service's public URL; contract:
 * accessTokenReplySchema and errorBodySchema of @limelight/contracts). The route
 * answers 401/403/409 with `{error:{code,message}}` when the user may not
 * join (no ticket, show not live, ...).
 */
import { accessTokenReplySchema, errorBodySchema } from "@limelight/contracts";
import { secondsUntilExpiry } from "./media-connection";

/** A token for the media service and where to use it. */
export interface MediaGrant {
  /** Access token (JWT, HS256). */
  token: string;
  /** Base URL of the media service (socket.io endpoint). */
  mediaUrl: string;
}

/** The web app refused a token: `code` and `status` from its JSON error body. */
export class GrantError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "GrantError";
  }
}

/** Reads the error body `{error:{code,message}}` (errorBodySchema) from a failed response; anything else reads as INTERNAL with the status. */
export async function readErrorBody(response: Response): Promise<GrantError> {
  const body = errorBodySchema.safeParse(await response.json().catch(() => null)); // not JSON: the fallback
  if (!body.success) return new GrantError("INTERNAL", response.status, `Request failed (${response.status})`);
  return new GrantError(body.data.error.code, response.status, body.data.error.message);
}

/** Asks the web app for a fresh access token for `eventId`. Throws GrantError when refused. */
export async function fetchMediaGrant(eventId: string): Promise<MediaGrant> {
  const response = await fetch("/api/access-token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ eventId }),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) throw await readErrorBody(response);
  const reply = accessTokenReplySchema.safeParse(await response.json().catch(() => null));
  if (!reply.success) throw new GrantError("INTERNAL", 500, "The access token response was malformed");
  return { token: reply.data.token, mediaUrl: reply.data.mediaUrl };
}

/** Tokens with less than this left (seconds) are replaced before a (re)connection. */
export const TOKEN_RENEW_MARGIN_S = 60;

/**
 * Keeps the current token of a page: `token()` returns it while more than
 * TOKEN_RENEW_MARGIN_S seconds are left, otherwise fetches a fresh one.
 */
export function tokenKeeper(eventId: string, initial: MediaGrant): { token: () => Promise<string> } {
  let current = initial.token;
  return {
    async token() {
      if (secondsUntilExpiry(current) > TOKEN_RENEW_MARGIN_S) return current;
      current = (await fetchMediaGrant(eventId)).token;
      return current;
    },
  };
}
