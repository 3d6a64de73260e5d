/**
 * POST /api/admin/events/[id]/poster (admins): multipart/form-data with a
 * `poster` file (JPEG, PNG or WebP by content, at most 10 MB; the bytes are
 * checked by apps/web src/server/artwork/read-upload.ts, not by a schema).
 */
import { z } from "zod";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Path parameter: the event id (a cuid). */
export const posterParamsSchema = z.object({ id: cuidSchema });

/** Reply (200): the stored poster's key and its site-relative URLs (Open Graph image, JPEG, WebP or null). */
export const posterReplySchema = z.object({
  posterKey: z.string().min(1),
  urls: z.object({ og: z.string(), jpeg: z.string(), webp: z.string().nullable() }),
});
/** Reply of POST /api/admin/events/[id]/poster. */
export type PosterReply = z.infer<typeof posterReplySchema>;
