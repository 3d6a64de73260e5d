/**
 * POST /api/webhooks/stripe: Stripe (and test-mode) webhook deliveries.
 * Raw body in, 200 `{received:true}` or a JSON error out; see
 * src/server/commerce/webhook-route.ts. Connect events (account.updated,
 * transfer.*) go to src/server/payouts/handle-connect-webhook.ts.
 */
import { env } from "@/env";
import { commerce } from "@/server/commerce";
import { stripeWebhookHandler } from "@/server/commerce/webhook-route";
import { payouts } from "@/server/payouts";
import { withConnectEvents } from "@/server/payouts/webhook-dispatch";

/** Node.js runtime (raw body, Prisma), never cached. */
export const runtime = "nodejs";
/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** The POST handler described above. */
export const POST = withConnectEvents(stripeWebhookHandler(commerce), payouts, () => env().STRIPE_WEBHOOK_SECRET);
