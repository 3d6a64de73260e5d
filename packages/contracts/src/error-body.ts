/**
 * The error body every transport replies with: an HTTP 4xx/5xx JSON body of
 * apps/web and apps/media, and the error branch of every socket.io ack.
 * Produced by `toErrorBody` in @limelight/domain (app-error.ts), the one
 * AppError → reply mapping.
 */
import { z } from "zod";

/** A zod issue path: keys and array indexes from the payload's root (`[]` is the payload itself). */
export const issuePathSchema = z.array(z.union([z.string(), z.number()]));
/** Path of a zod issue, e.g. `["candidate", "sdpMLineIndex"]`. */
export type IssuePath = z.infer<typeof issuePathSchema>;

/**
 * `{error: {code, message, path?, details?}}`. `code` is an ErrorCode of
 * @limelight/domain (kept a string here so a newer server's codes still
 * parse); `path` names the first invalid field when the input failed its
 * schema (VALIDATION_FAILED on HTTP, INVALID_ARGUMENT on the socket);
 * `details` is safe to show (for example every zod issue).
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    path: issuePathSchema.optional(),
    details: z.unknown().optional(),
  }),
});
/** Parsed error body. */
export type ErrorReply = z.infer<typeof errorBodySchema>;
