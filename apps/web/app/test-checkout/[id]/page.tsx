/**
 * The test-mode hosted payment page (`/test-checkout/<sessionId>`), standing
 * in for Stripe Checkout when no Stripe key is configured. Says "Test mode"
 * plainly; Pay delivers a locally signed `checkout.session.completed`
 * webhook to the same fulfilment path as Stripe's, Cancel expires the
 * session and frees the held seat.
 */
import { notFound, redirect } from "next/navigation";
import { isAppError } from "@limelight/domain";
import { formatMoney } from "@limelight/domain/events/money";
import { currentActor, signInUrl } from "@/server/auth/session";
import { commerce } from "@/server/commerce";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

const box = { maxWidth: 440, margin: "48px auto", padding: 24, border: "1px solid #ddd", borderRadius: 12, fontFamily: "system-ui, sans-serif" } as const;
const banner = { background: "#fff4ce", border: "1px solid #e0b400", color: "#5c4700", padding: "8px 12px", borderRadius: 8, fontWeight: 600 } as const;
const button = { padding: "10px 18px", borderRadius: 8, border: "1px solid #333", fontSize: 16, cursor: "pointer" } as const;

/** Renders one test Checkout Session with Pay / Cancel buttons. */
export default async function TestCheckoutPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ error?: string }> }) {
  const { id } = await props.params;
  const { error } = await props.searchParams;
  const actor = await currentActor();
  if (!actor) redirect(signInUrl(`/test-checkout/${encodeURIComponent(id)}`));
  let view;
  try {
    view = await commerce().testCheckout.view(actor, id);
  } catch (e) {
    // Someone else's checkout looks like none at all.
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
  const open = view.status === "open";
  return (
    <main style={box}>
      <p role="status" style={banner} data-testid="test-mode-banner">
        Test mode: no real payment is taken. This page stands in for Stripe Checkout.
      </p>
      <h1 style={{ fontSize: 22 }}>{view.productName}</h1>
      <p style={{ fontSize: 28, margin: "8px 0" }} data-testid="amount">
        {formatMoney(view.amountCents, view.currency)}
      </p>
      {error ? (
        <p role="alert" style={{ color: "#a00" }}>
          {error}
        </p>
      ) : null}
      {open ? (
        <>
          <p style={{ color: "#555" }}>This checkout expires at {new Date(view.expiresAt).toUTCString()}.</p>
          <div style={{ display: "flex", gap: 12 }}>
            <form method="post" action={`/api/test-checkout/${encodeURIComponent(view.sessionId)}/pay`}>
              <button type="submit" style={{ ...button, background: "#1a7f37", color: "white", borderColor: "#1a7f37" }}>
                Pay {formatMoney(view.amountCents, view.currency)} (test mode)
              </button>
            </form>
            <form method="post" action={`/api/test-checkout/${encodeURIComponent(view.sessionId)}/cancel`}>
              <button type="submit" style={button}>
                Cancel
              </button>
            </form>
          </div>
        </>
      ) : (
        <p>
          This checkout is {view.status === "complete" ? "paid" : "expired"}.{" "}
          <a href={view.status === "complete" ? view.successUrl : view.cancelUrl}>Continue</a>
        </p>
      )}
    </main>
  );
}
