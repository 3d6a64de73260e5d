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
 * `{recorded}`, 400 for a form that is not a publish_done call, 500 on a
 * database error. Never throws. The stream key is never logged.
 */
import type { Db } from "@limelight/db";
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
  const name = form.get("name") ?? "";
  if (form.get("call") !== "publish_done" || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) {
    log({ ...base, recorded: false, reason: "not a publish_done call or bad stream name" });
    return Response.json({ error: { code: "INVALID_ARGUMENT", message: "Not a publish_done call" } }, { status: 400 });
  }
  try {
    const event = form.get("app") === "ingest" ? await db.event.findUnique({ where: { streamKey: name }, select: { id: true } }) : null;
    if (event && origin) {
      const publishers = await origin.publishersOf("ingest", event.id);
      if (publishers === null) log({ ...base, eventId: event.id, recorded: false, reason: "origin statistics unavailable: the departure counts" });
      else if (publishers.some((id) => id !== form.get("clientid"))) {
        log({ ...base, eventId: event.id, recorded: false, reason: "another publisher still publishes the stream (a refused second encoder left)" });
        return Response.json({ recorded: false }, { status: 200 });
      }
    }
    const recorded = event ? await markEncoderGone(db, event.id, now) : false;
    log({ ...base, eventId: event?.id, recorded, reason: event ? (recorded ? undefined : "not a live encoder show") : "not an encoder's stream key" });
    return Response.json({ recorded }, { status: 200 });
  } catch (error) {
    log({ ...base, recorded: false, reason: "internal error", error });
    return Response.json({ error: { code: "INTERNAL", message: "Something went wrong" } }, { status: 500 });
  }
}
