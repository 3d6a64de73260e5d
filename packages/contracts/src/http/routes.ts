/**
 * Every HTTP API route of apps/web (`app/api/<route>/route.ts`) and the
 * contract of each of its methods: path parameters, JSON body or form, and
 * the success reply. Error replies are always the error body
 * (../error-body.ts). A test (apps/web/test/contracts-coverage.test.ts) fails
 * when a route file has no entry here.
 */
import { type z } from "zod";
import { accessTokenReplySchema, accessTokenRequestSchema } from "./access-token";
import { checkoutParamsSchema, checkoutReplySchema, checkoutRequestSchema } from "./checkout";
import { eventStatusParamsSchema, eventStatusReplySchema } from "./event-status";
import { healthReplySchema } from "./health";
import { posterParamsSchema, posterReplySchema } from "./poster";
import { onPublishDoneFormSchema, onPublishDoneReplySchema, onPublishFormSchema } from "./rtmp";
import { testCheckoutParamsSchema } from "./test-checkout";
import { watchParamsSchema, watchRequestSchema, watchRouteSchema } from "./watch";

/** The contract of one method of a route: what is parsed on the way in and the 2xx JSON reply (absent for redirects and binary bodies). */
export interface MethodContract {
  params?: z.ZodType;
  /** JSON request body. */
  body?: z.ZodType;
  /** application/x-www-form-urlencoded request body. */
  form?: z.ZodType;
  reply?: z.ZodType;
}

/** Route (path under app/api, as its folder is named) → method → contract. */
export const HTTP_CONTRACTS = {
  "access-token": { POST: { body: accessTokenRequestSchema, reply: accessTokenReplySchema } },
  "admin/events/[id]/poster": { POST: { params: posterParamsSchema, reply: posterReplySchema } },
  "events/[id]/checkout": { POST: { params: checkoutParamsSchema, body: checkoutRequestSchema, reply: checkoutReplySchema } },
  "events/[id]/status": { GET: { params: eventStatusParamsSchema, reply: eventStatusReplySchema } },
  health: { GET: { reply: healthReplySchema } },
  "rtmp/on-publish": { POST: { form: onPublishFormSchema } },
  "rtmp/on-publish-done": { POST: { form: onPublishDoneFormSchema, reply: onPublishDoneReplySchema } },
  "test-checkout/[id]/pay": { POST: { params: testCheckoutParamsSchema } },
  "test-checkout/[id]/cancel": { POST: { params: testCheckoutParamsSchema } },
  "watch/[eventId]": { POST: { params: watchParamsSchema, body: watchRequestSchema, reply: watchRouteSchema } },
} as const satisfies Record<string, Record<string, MethodContract>>;

/**
 * Routes whose bodies a library parses and verifies: Auth.js (/api/auth/*)
 * and Stripe's webhook deliveries (signature checked by the stripe library,
 * https://docs.stripe.com/webhooks#verify-webhook-signatures).
 */
export const LIBRARY_PARSED_ROUTES = ["auth/[...nextauth]", "webhooks/stripe"] as const;
