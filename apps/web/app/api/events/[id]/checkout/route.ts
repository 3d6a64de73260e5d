/**
 * POST /api/events/<id>/checkout `{acknowledgedContentWarning?}` → 200
 * `{kind, redirectUrl}`: the Buy button (src/components/buy-form.tsx). A paid
 * show holds a seat and starts a Checkout Session (`redirectUrl` is its
 * payment page); a free show grants the ticket (`redirectUrl` is My tickets).
 * Contract: checkoutParamsSchema, checkoutRequestSchema and
 * checkoutReplySchema of @limelight/contracts.
 * Errors (JSON error body): 400 bad id or body (VALIDATION_FAILED, also when
 * the content warning is not acknowledged), 401 signed out, 403 not sent by
 * this site (CSRF guard: src/server/same-origin.ts), 404 unknown event, 409
 * not on sale, sold out or already has a ticket, 413 body over 64 KiB, 503
 * payments unavailable or OVERLOADED (with Retry-After: the admission gate,
 * CHECKOUT_CONCURRENCY presses at once and CHECKOUT_QUEUE_MAX waiting).
 * A route handler, not a server action, so that the rush's presses can wait
 * their turn in the gate before any work is done for them; see the README's
 * performance table (bench/on-sale-http).
 */
import { NextResponse } from "next/server";
import { checkoutParamsSchema, checkoutRequestSchema, type CheckoutReply } from "@limelight/contracts";
import { parseInput } from "@limelight/domain";
import { sessionActor } from "@/server/auth/session";
import { checkoutGate, commerce } from "@/server/commerce";
import { handle } from "@/server/http";
import { readJsonBody } from "@/server/read-body";
import { assertSameOrigin } from "@/server/same-origin";

/** Node.js runtime (Prisma), never cached. */
export const runtime = "nodejs";
/** Answered per request. */
export const dynamic = "force-dynamic";

/** The POST handler described above. */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    assertSameOrigin(request.headers);
    const { id } = parseInput(checkoutParamsSchema, await params);
    const body = parseInput(checkoutRequestSchema, await readJsonBody(request, 'Body must be JSON like {"acknowledgedContentWarning":true}', {}));
    const started = await checkoutGate().run(
      async () =>
        commerce().getTicket({
          // Every role may buy, and getTicket reads the account with the event: no separate role lookup.
          actor: await sessionActor(),
          eventId: id,
          acknowledgedContentWarning: body.acknowledgedContentWarning,
          successPath: "/me/tickets?checkout=success&session_id={CHECKOUT_SESSION_ID}",
        }),
      request.signal,
    );
    const reply: CheckoutReply = { kind: started.kind, redirectUrl: started.redirectUrl };
    return NextResponse.json(reply, { headers: { "cache-control": "no-store" } });
  });
}
