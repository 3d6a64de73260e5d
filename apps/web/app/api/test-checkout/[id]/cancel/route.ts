/**
 * POST /api/test-checkout/<id>/cancel: the "Cancel" button of the test-mode payment page.
 * See src/server/commerce/test-checkout-route.ts (303 to the return URL).
 */
import { commerce } from "@/server/commerce";
import { testCheckoutHandler } from "@/server/commerce/test-checkout-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = testCheckoutHandler(commerce, "cancel");
