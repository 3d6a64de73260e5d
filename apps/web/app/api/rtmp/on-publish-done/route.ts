import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { answerOnPublishDone } from "@/server/routing/on-publish-done";

/**
 * POST /api/rtmp/on-publish-done: nginx-rtmp's `on_publish_done` callback
 * (form body: call=publish_done, app, name, ...). Records when a live encoder
 * show's encoder left; see src/server/routing/on-publish-done.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return answerOnPublishDone(db(), await request.text(), (fields) => {
    if (fields.error) logger().error({ ...fields, err: fields.error }, "rtmp on_publish_done failed");
    else logger().info(fields, "rtmp on_publish_done");
  });
}
