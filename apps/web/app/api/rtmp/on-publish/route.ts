import { env } from "@/env";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { authorizePublish } from "@/server/routing/authorize-publish";

/**
 * POST /api/rtmp/on-publish: nginx-rtmp's `on_publish` callback (form body:
 * call, app, name, secret, ...). 200 allow, 302 `Location: <eventId>` allow
 * and rename a stream key to the event id, 403 refuse. Rules in
 * src/server/routing/authorize-publish.ts.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const form = new URLSearchParams(await request.text());
    const decision = await authorizePublish(db(), form, env().ORIGIN_PUBLISH_SECRET);
    logger().info({ app: form.get("app"), addr: form.get("addr"), decision: decision.action, reason: decision.action === "refuse" ? decision.reason : undefined }, "rtmp on_publish");
    if (decision.action === "allow") return new Response("ok\n", { status: 200 });
    if (decision.action === "rename") return new Response(null, { status: 302, headers: { location: decision.streamName } });
    return Response.json({ error: { code: "FORBIDDEN", message: "Publishing refused" } }, { status: 403 });
  } catch (error) {
    logger().error({ err: error }, "rtmp on_publish failed");
    return Response.json({ error: { code: "INTERNAL", message: "Something went wrong" } }, { status: 500 });
  }
}
