/**
 * POST /api/test-checkout/[id]/pay and /cancel: the buttons of the test-mode
 * payment page (form posts without a body; 303 to the Checkout return URL).
 */
import { z } from "zod";
import { opaqueIdSchema } from "@limelight/domain/validation/ids";

/** Path parameter: the Checkout Session id. */
export const testCheckoutParamsSchema = z.object({ id: opaqueIdSchema });
