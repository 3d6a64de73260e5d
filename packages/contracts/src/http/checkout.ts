/**
 * POST /api/events/[id]/checkout: the event page's Buy button (apps/web
 * src/components/buy-form.tsx). Holds a seat and starts a Stripe Checkout
 * Session, or grants a free show's ticket at once; the browser then goes to
 * `redirectUrl`. A same-origin request only (its `Origin` header must name
 * the app itself), signed in with the Auth.js session cookie.
 * Source of the flow: https://docs.stripe.com/checkout/quickstart
 */
import { z } from "zod";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Path parameter: the event id (a cuid). */
export const checkoutParamsSchema = z.object({ id: cuidSchema });

/** Request body: `acknowledgedContentWarning` must be true when the event has a content warning (default false). */
export const checkoutRequestSchema = z.strictObject({ acknowledgedContentWarning: z.boolean().default(false) });
/** Body of POST /api/events/[id]/checkout. */
export type CheckoutRequest = z.infer<typeof checkoutRequestSchema>;

/**
 * Reply (200): `kind` "checkout" (go pay: `redirectUrl` is the Checkout
 * Session's page, Stripe's or the test-mode page) or "free" (the ticket is
 * granted: `redirectUrl` is My tickets); an absolute URL either way.
 */
export const checkoutReplySchema = z.object({ kind: z.enum(["checkout", "free"]), redirectUrl: z.url() });
/** Reply of POST /api/events/[id]/checkout. */
export type CheckoutReply = z.infer<typeof checkoutReplySchema>;
