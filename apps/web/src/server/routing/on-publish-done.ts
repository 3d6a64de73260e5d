/**
 * The HTTP side of nginx-rtmp's `on_publish_done` callback
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish_done):
 * nginx POSTs a form with `call=publish_done`, `app`, `name` (the name the
 * publisher asked for: an encoder's stream key, before on_publish renamed
 * it) when a publisher leaves; the answer is ignored by nginx. A stream key
 * of a live encoder show records that its encoder left (markEncoderGone);
 * anything else (the media bridge, unknown names) is ignored. Answers 200
 * `{recorded}`, 400 for a form that is not a publish_done call, 500 on a
 * database error. Never throws. The stream key is never logged.
 */
import type { Db } from "@limelight/db";
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
  const name = form.get("name") ?? "";
  if (form.get("call") !== "publish_done" || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) {
    log({ ...base, recorded: false, reason: "not a publish_done call or bad stream name" });
    return Response.json({ error: { code: "INVALID_ARGUMENT", message: "Not a publish_done call" } }, { status: 400 });
  }
  try {
    const event = form.get("app") === "ingest" ? await db.event.findUnique({ where: { streamKey: name }, select: { id: true } }) : null;
    const recorded = event ? await markEncoderGone(db, event.id, now) : false;
    log({ ...base, eventId: event?.id, recorded, reason: event ? (recorded ? undefined : "not a live encoder show") : "not an encoder's stream key" });
    return Response.json({ recorded }, { status: 200 });
  } catch (error) {
    log({ ...base, recorded: false, reason: "internal error", error });
    return Response.json({ error: { code: "INTERNAL", message: "Something went wrong" } }, { status: 500 });
  }
}
