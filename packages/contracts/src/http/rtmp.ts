/**
 * nginx-rtmp's HTTP callbacks to apps/web, form-encoded
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish):
 * POST /api/rtmp/on-publish and POST /api/rtmp/on-publish-done carry
 * `call`, `app`, `name` (the stream name the publisher asked for), `addr`
 * (the client address) and the publisher's query arguments (here `secret`).
 * Parse with `parseForm(schema, new URLSearchParams(body))`.
 */
import { z } from "zod";

/** A stream name: an event id or a stream key. */
export const streamNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "Not a valid stream name");

const common = {
  app: z.string().max(128).default(""),
  name: streamNameSchema,
  addr: z.string().max(128).optional(),
};

/** Form of `on_publish`: `secret` is the media bridge's shared publish secret (absent for an encoder). */
export const onPublishFormSchema = z.object({ call: z.literal("publish"), ...common, secret: z.string().max(1024).optional() });
/** Parsed on_publish form. */
export type OnPublishForm = z.infer<typeof onPublishFormSchema>;

/** Form of `on_publish_done`. */
export const onPublishDoneFormSchema = z.object({ call: z.literal("publish_done"), ...common });
/** Parsed on_publish_done form. */
export type OnPublishDoneForm = z.infer<typeof onPublishDoneFormSchema>;

/** Reply of on_publish_done (200): whether the encoder's departure was recorded (nginx ignores it). */
export const onPublishDoneReplySchema = z.object({ recorded: z.boolean() });
/** Reply of on_publish_done. */
export type OnPublishDoneReply = z.infer<typeof onPublishDoneReplySchema>;

/** The first value of every field of a form, as a plain object for a zod schema. */
export function formFields(form: URLSearchParams): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (!Object.hasOwn(fields, key)) fields[key] = value;
  return fields;
}
