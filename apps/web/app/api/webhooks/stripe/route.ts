/**
 * POST /api/webhooks/stripe: Stripe (and test-mode) webhook deliveries.
 * Raw body in, 200 `{received:true}` or a JSON error out; see
 * src/server/commerce/webhook-route.ts.
 */
import { commerce } from "@/server/commerce";
import { stripeWebhookHandler } from "@/server/commerce/webhook-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = stripeWebhookHandler(commerce);
