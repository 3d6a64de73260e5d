import { NextResponse } from "next/server";
import { errorResponse } from "../http";
import { verifyWebhook } from "../commerce/verify-webhook";
import { handleConnectWebhook, isConnectEvent } from "./handle-connect-webhook";
import { type PayoutDeps } from "./deps";

/**
 * Wraps the commerce webhook handler of POST /api/webhooks/stripe: Connect
 * events (account.updated, transfer.*; see handle-connect-webhook.ts) are
 * verified (signature over the raw body) and handled here; every other
 * delivery goes unchanged to `commerceHandler`. Replies 200 with
 * `{received, eventId, type, outcome}` or the mapped AppError (400
 * INVALID_SIGNATURE, 503 PROVIDER_UNAVAILABLE).
 */
export function withConnectEvents(
  commerceHandler: (req: Request) => Promise<Response>,
  getDeps: () => PayoutDeps | null,
  webhookSecret: () => string,
): (req: Request) => Promise<Response> {
  return async (req) => {
    const rawBody = await req.text();
    const forward = () => commerceHandler(new Request(req.url, { method: "POST", headers: req.headers, body: rawBody }));
    let type: string | undefined;
    try {
      type = (JSON.parse(rawBody) as { type?: unknown }).type as string | undefined;
    } catch {
      return forward();
    }
    if (typeof type !== "string" || !isConnectEvent(type)) return forward();
    try {
      const event = verifyWebhook(rawBody, req.headers.get("stripe-signature"), webhookSecret());
      const deps = getDeps();
      if (!deps) return NextResponse.json({ received: true, eventId: event.id, type: event.type, outcome: "ignored" });
      return NextResponse.json(await handleConnectWebhook(deps, event));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
