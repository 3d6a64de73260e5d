import { NextResponse } from "next/server";
import { errorResponse } from "../http";
import { BODY_LIMITS, readBodyText } from "../read-body";
import { type Commerce } from "./create-commerce";

/**
 * The Stripe webhook endpoint's logic (app/api/webhooks/stripe/route.ts):
 * reads the RAW body (the signature covers the exact bytes), passes it with
 * the `Stripe-Signature` header to handleStripeWebhook and replies 200
 * `{received: true, eventId, type, outcome}`, or the mapped AppError:
 * 400 INVALID_SIGNATURE (nothing changed), 413 TOO_LARGE (over 1 MiB), 503 PROVIDER_UNAVAILABLE (Stripe
 * retries), 500 `{error:{code:"INTERNAL"}}` without internals.
 */
export function stripeWebhookHandler(getCommerce: () => Commerce): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      const rawBody = await readBodyText(req, BODY_LIMITS.webhook);
      const outcome = await getCommerce().handleStripeWebhook(rawBody, req.headers.get("stripe-signature"));
      return NextResponse.json(outcome, { status: 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
