/**
 * The origin's nginx-rtmp `on_publish` callback
 * (https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_publish):
 * nginx POSTs a form with `call=publish`, `app`, `name` (the stream name) and
 * the publisher's query arguments (here `secret`). The answer decides:
 * 2xx allow, 3xx with `Location: <new name>` allow and rename the stream
 * (a Location not starting with rtmp:// replaces the name), other statuses
 * refuse. Rule: decidePublish in @limelight/domain/routing.
 */
import { timingSafeEqual } from "node:crypto";
import type { Db } from "@limelight/db";
import type { OnPublishForm } from "@limelight/contracts";
import { decidePublish, type PublishDecision } from "@limelight/domain/routing/decide-publish";

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Decides an on_publish form (as parsed by onPublishFormSchema of
 * @limelight/contracts) against the database, the publish secret and the
 * go-live lead time (ms, default 60 minutes).
 */
export async function authorizePublish(db: Db, form: OnPublishForm, publishSecret: string, goLiveEarlyMs?: number): Promise<PublishDecision> {
  const { name } = form;
  const [eventById, eventByStreamKey] = await Promise.all([
    db.event.findUnique({ where: { id: name }, select: { id: true, status: true } }),
    db.event.findUnique({ where: { streamKey: name }, select: { id: true, status: true, liveSource: true, startsAt: true, durationMinutes: true } }),
  ]);
  return decidePublish({ app: form.app, secretMatches: sameSecret(form.secret, publishSecret), eventById, eventByStreamKey, now: new Date(), goLiveEarlyMs });
}
