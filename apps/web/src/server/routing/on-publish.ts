/**
 * The HTTP side of nginx-rtmp's `on_publish` callback: turns the form body
 * into a decision (authorizePublish) and the decision into the answer
 * nginx-rtmp understands (https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish):
 * 200 allow; 302 with `Location: <eventId>` allow and rename the stream
 * (a Location that does not start with rtmp:// replaces the stream name);
 * an encoder's stream key opens an on-sale show (openShowFromEncoder) or, on a
 * live one, clears the time its encoder left (markEncoderBack); 403 refuse (JSON error body);
 * 409 CONFLICT refuse an encoder while the show is live from the studio (the
 * running show is left as it is); 400 VALIDATION_FAILED with the zod `path`
 * for a form that is not a publish call with a valid stream name
 * (onPublishFormSchema of @limelight/contracts; refused too). Never throws:
 * failures answer 500 (refused).
 */
import type { Db } from "@limelight/db";
import { formFields, onPublishFormSchema } from "@limelight/contracts";
import { isAppError, parseInput, toErrorBody } from "@limelight/domain";
import type { PublishDecision } from "@limelight/domain/routing/decide-publish";
import { authorizePublish } from "./authorize-publish";
import { markEncoderBack } from "./encoder-presence";
import { openShowFromEncoder } from "./open-show-from-encoder";

/**
 * Answers one on_publish call. `goLiveEarlyMs`: how long before an event's
 * start its stream key is accepted (default 60 minutes). `log` receives the
 * decision (never the stream key).
 */
export async function answerOnPublish(
  db: Db,
  formBody: string,
  publishSecret: string,
  goLiveEarlyMs?: number,
  log: (fields: { app: string | null; addr: string | null; decision: PublishDecision["action"]; reason?: string; error?: unknown }) => void = () => undefined,
): Promise<Response> {
  const form = new URLSearchParams(formBody);
  try {
    const decision = await authorizePublish(db, parseInput(onPublishFormSchema, formFields(form)), publishSecret, goLiveEarlyMs);
    log({ app: form.get("app"), addr: form.get("addr"), decision: decision.action, reason: decision.action === "refuse" ? decision.reason : undefined });
    if (decision.action === "allow") return new Response("ok\n", { status: 200 });
    if (decision.action === "rename") {
      if (decision.opensShow) await openShowFromEncoder(db, decision.eventId);
      else await markEncoderBack(db, decision.eventId);
      return new Response(null, { status: 302, headers: { location: decision.streamName } });
    }
    if (decision.conflict) return Response.json({ error: { code: "CONFLICT", message: decision.reason } }, { status: 409 });
    return Response.json({ error: { code: "FORBIDDEN", message: "Publishing refused" } }, { status: 403 });
  } catch (error) {
    if (isAppError(error) && error.code === "VALIDATION_FAILED") {
      log({ app: form.get("app"), addr: form.get("addr"), decision: "refuse", reason: error.message });
      return Response.json(toErrorBody(error), { status: error.status });
    }
    log({ app: form.get("app"), addr: form.get("addr"), decision: "refuse", reason: "internal error", error });
    return Response.json({ error: { code: "INTERNAL", message: "Something went wrong" } }, { status: 500 });
  }
}
