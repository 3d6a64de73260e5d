/**
 * The HTTP side of nginx-rtmp's `on_publish_done` callback
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish_done):
 * nginx POSTs a form with `call=publish_done`, `app`, `name` (the name the
 * publisher asked for: an encoder's stream key, before on_publish renamed
 * it) when a publisher leaves; the answer is ignored by nginx. A stream key
 * of a live encoder show records that its encoder left (markEncoderGone);
 * anything else (the media bridge, unknown names) is ignored. Answers 200
 * `{recorded}`, 400 VALIDATION_FAILED with the zod `path` for a form that is
 * not a publish_done call with a valid stream name (onPublishDoneFormSchema of
 * @limelight/contracts), 500 on a
 * database error. Never throws. The stream key is never logged.
 */
import type { Db } from "@limelight/db";
import { formFields, onPublishDoneFormSchema, type OnPublishDoneReply } from "@limelight/contracts";
import { AppError, parseInput, toErrorBody } from "@limelight/domain";
import { markEncoderGone } from "./encoder-presence";

/** What answerOnPublishDone did, for the log. */
export interface PublishDoneLog {
  app: string | null;
  addr: string | null;
  eventId?: string;
  recorded: boolean;
  reason?: string;
  error?: unknown;
}

/** Answers one on_publish_done call; `now` is when the encoder left. */
export async function answerOnPublishDone(db: Db, formBody: string, log: (fields: PublishDoneLog) => void = () => undefined, now: Date = new Date()): Promise<Response> {
  const form = new URLSearchParams(formBody);
  const base = { app: form.get("app"), addr: form.get("addr") };
  let fields;
  try {
    fields = parseInput(onPublishDoneFormSchema, formFields(form));
  } catch (error) {
    log({ ...base, recorded: false, reason: error instanceof Error ? error.message : "not a publish_done call" });
    return Response.json(toErrorBody(error instanceof AppError ? error : new AppError("VALIDATION_FAILED", "Not a publish_done call")), { status: 400 });
  }
  try {
    const event = fields.app === "ingest" ? await db.event.findUnique({ where: { streamKey: fields.name }, select: { id: true } }) : null;
    const recorded = event ? await markEncoderGone(db, event.id, now) : false;
    log({ ...base, eventId: event?.id, recorded, reason: event ? (recorded ? undefined : "not a live encoder show") : "not an encoder's stream key" });
    const reply: OnPublishDoneReply = { recorded };
    return Response.json(reply, { status: 200 });
  } catch (error) {
    log({ ...base, recorded: false, reason: "internal error", error });
    return Response.json({ error: { code: "INTERNAL", message: "Something went wrong" } }, { status: 500 });
  }
}
