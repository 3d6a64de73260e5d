/**
 * POST /api/access-token (apps/web src/server/access/issue-access-token.ts):
 * a short-lived access token for the media service. Format of the token:
 * @limelight/access-token.
 */
import { z } from "zod";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Request body `{eventId}`. */
export const accessTokenRequestSchema = z.object({ eventId: cuidSchema });
/** Body of POST /api/access-token. */
export type AccessTokenRequest = z.infer<typeof accessTokenRequestSchema>;

/** Reply (200): the token (JWT, HS256), the socket's role, a fresh device id, expiry (Unix time in ms) and the media service's public URL. */
export const accessTokenReplySchema = z.object({
  token: z.string().min(1),
  role: z.enum(["viewer", "host", "admin"]),
  eventId: z.string(),
  ticketId: z.string().nullable(),
  deviceId: z.string(),
  expiresAt: z.number().int().nonnegative(),
  mediaUrl: z.string().min(1),
});
/** Reply of POST /api/access-token. */
export type AccessTokenReply = z.infer<typeof accessTokenReplySchema>;
