import { testCheckoutParamsSchema } from "@limelight/contracts";
import { AppError, isAppError, parseInput, toErrorBody, type Actor } from "@limelight/domain";
import { errorResponse } from "../http";
import { type Commerce } from "./create-commerce";

/**
 * POST handlers of the test-mode payment page's buttons
 * (app/api/test-checkout/[id]/pay|cancel). On success: 303 to the Checkout
 * return URL (success or cancel). A session that cannot be paid any more
 * (expired, already paid): 303 back to the page with `?error=<message>`.
 * Only the buyer (the signed-in account `getActor` returns) or an admin:
 * anyone else, anonymous included, gets 403 JSON. A malformed id: 400 JSON
 * (VALIDATION_FAILED with the zod `path`; testCheckoutParamsSchema of @limelight/contracts).
 * Outside test mode: 404 JSON.
 */
export function testCheckoutHandler(
  getCommerce: () => Commerce,
  action: "pay" | "cancel",
  getActor: () => Promise<Actor | null>,
): (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response> {
  return async (req, ctx) => {
    const { id } = await ctx.params;
    const page = new URL(`/test-checkout/${encodeURIComponent(id)}`, req.url);
    try {
      const commerce = getCommerce();
      if (!commerce.testMode) throw new AppError("NOT_FOUND", "Test checkout is only available in test mode");
      parseInput(testCheckoutParamsSchema, { id });
      const actor = await getActor();
      const result = action === "pay" ? await commerce.testCheckout.pay(actor, id) : await commerce.testCheckout.cancel(actor, id);
      return redirect303(result.redirectUrl);
    } catch (error) {
      if (isAppError(error) && error.code === "CONFLICT") {
        page.searchParams.set("error", toErrorBody(error).error.message);
        return redirect303(page.toString());
      }
      return errorResponse(error);
    }
  };
}

function redirect303(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}
