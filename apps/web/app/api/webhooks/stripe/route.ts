/**
 * POST /api/webhooks/stripe: Stripe (and test-mode) webhook deliveries.
 * Raw body in, 200 `{received:true}` or a JSON error out; see
 * src/server/commerce/webhook-route.ts.
 */
import { commerce } from "@/server/commerce";
import { stripeWebhookHandler } from "@/server/commerce/webhook-route";

/** Node.js runtime (raw body, Prisma), never cached. */
export const runtime = "nodejs";
/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** The POST handler described above. */
export const POST = stripeWebhookHandler(commerce);
