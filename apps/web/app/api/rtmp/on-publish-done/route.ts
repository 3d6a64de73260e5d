import { env } from "@/env";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { answerOnPublishDone, type PublishDoneLog } from "@/server/routing/on-publish-done";
import { HttpOriginPublishers } from "@/server/routing/origin-publishers";

/**
 * POST /api/rtmp/on-publish-done: nginx-rtmp's `on_publish_done` callback
 * (form body: call=publish_done, app, name, ...). Records when a live encoder
 * show's encoder left, unless the origin's statistics (ORIGIN_STAT_URL) show
 * the stream still published; see src/server/routing/on-publish-done.ts.
 */
export async function POST(request: Request): Promise<Response> {
  const statUrl = env().ORIGIN_STAT_URL;
  const origin = statUrl ? new HttpOriginPublishers(statUrl) : null;
  const log = (fields: PublishDoneLog) => {
    if (fields.error) logger().error({ ...fields, err: fields.error }, "rtmp on_publish_done failed");
    else logger().info(fields, "rtmp on_publish_done");
  };
  return answerOnPublishDone(db(), await request.text(), log, new Date(), origin);
}
