/**
 * POST /api/test-checkout/<id>/cancel: the "Cancel" button of the test-mode payment page.
 * See src/server/commerce/test-checkout-route.ts (303 to the return URL).
 */
import { currentActor } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { testCheckoutHandler } from "@/server/commerce/test-checkout-route";

/** Node.js runtime (raw body, Prisma), never cached. */
export const runtime = "nodejs";
/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** The POST handler described above. */
export const POST = testCheckoutHandler(commerce, "cancel", currentActor);
