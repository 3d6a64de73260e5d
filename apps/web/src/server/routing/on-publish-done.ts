/**
 * The HTTP side of nginx-rtmp's `on_publish_done` callback
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish_done):
 * nginx POSTs a form with `call=publish_done`, `app`, `name` (the name the
 * publisher asked for: an encoder's stream key, before on_publish renamed
 * it) when a publisher leaves; the answer is ignored by nginx. A stream key
 * of a live encoder show records that its encoder left (markEncoderGone);
 * anything else (the media bridge, unknown names) is ignored. When the origin's
 * statistics (OriginPublishers) show another client still publishing the
 * show's stream, the departure is a second encoder nginx-rtmp refused
 * ("already publishing") and is not recorded. Answers 200
 * `{recorded}`, 400 VALIDATION_FAILED with the zod `path` for a form that is
 * not a publish_done call with a valid stream name (onPublishDoneFormSchema of
 * @limelight/contracts), 500 on a
 * database error. Never throws. The stream key is never logged.
 */
import type { Db } from "@limelight/db";
import { formFields, onPublishDoneFormSchema, type OnPublishDoneReply } from "@limelight/contracts";
import { AppError, parseInput, toErrorBody } from "@limelight/domain";
import { markEncoderGone } from "./encoder-presence";
import type { OriginPublishers } from "./origin-publishers";

/** What answerOnPublishDone did, for the log. */
export interface PublishDoneLog {
  app: string | null;
  addr: string | null;
  eventId?: string;
  recorded: boolean;
  reason?: string;
  error?: unknown;
}

/**
 * Answers one on_publish_done call; `now` is when the encoder left; `origin`
 * (null: not configured) tells who still publishes the show's stream.
 */
export async function answerOnPublishDone(
  db: Db,
  formBody: string,
  log: (fields: PublishDoneLog) => void = () => undefined,
  now: Date = new Date(),
  origin: OriginPublishers | null = null,
): Promise<Response> {
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
    if (event && origin) {
      const publishers = await origin.publishersOf("ingest", event.id);
      if (publishers === null) log({ ...base, eventId: event.id, recorded: false, reason: "origin statistics unavailable: the departure counts" });
      else if (publishers.some((id) => id !== form.get("clientid"))) {
        log({ ...base, eventId: event.id, recorded: false, reason: "another publisher still publishes the stream (a refused second encoder left)" });
        const reply: OnPublishDoneReply = { recorded: false };
        return Response.json(reply, { status: 200 });
      }
    }
    const recorded = event ? await markEncoderGone(db, event.id, now) : false;
    log({ ...base, eventId: event?.id, recorded, reason: event ? (recorded ? undefined : "not a live encoder show") : "not an encoder's stream key" });
    const reply: OnPublishDoneReply = { recorded };
    return Response.json(reply, { status: 200 });
  } catch (error) {
    log({ ...base, recorded: false, reason: "internal error", error });
    return Response.json({ error: { code: "INTERNAL", message: "Something went wrong" } }, { status: 500 });
  }
}
