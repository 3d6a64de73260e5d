import { env } from "@/env";
import { db } from "@/server/db";
import { handle } from "@/server/http";
import { logger } from "@/server/logger";
import { BODY_LIMITS, readBodyText } from "@/server/read-body";
import { answerOnPublish } from "@/server/routing/on-publish";

/**
 * POST /api/rtmp/on-publish: nginx-rtmp's `on_publish` callback (form body:
 * call, app, name, secret, ...). 200 allow, 302 `Location: <eventId>` allow
 * and rename a stream key to the event id, 403 refuse, 409 refuse an encoder
 * while the show is live from the studio (refusals logged at warn). See
 * src/server/routing/on-publish.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return handle(async () =>
    answerOnPublish(db(), await readBodyText(request, BODY_LIMITS.json), env().ORIGIN_PUBLISH_SECRET, env().GO_LIVE_EARLY_MS, (fields) => {
      if (fields.error) logger().error({ ...fields, err: fields.error }, "rtmp on_publish failed");
      else if (fields.decision === "refuse") logger().warn(fields, "rtmp on_publish refused");
      else logger().info(fields, "rtmp on_publish");
    }),
  );
}
