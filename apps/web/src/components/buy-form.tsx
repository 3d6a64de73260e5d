"use client";

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { checkoutReplySchema, errorBodySchema, type CheckoutRequest } from "@limelight/contracts";

/** What a Buy press came to: go to `url` (the payment page, My tickets, or sign in), or show `message`. */
type BuyOutcome = { kind: "go"; url: string } | { kind: "error"; message: string };

/**
 * Sends one Buy press (POST /api/events/<eventId>/checkout, contract
 * checkoutRequestSchema/checkoutReplySchema of @limelight/contracts) and reads
 * the reply: 200 → the Checkout Session's page (or My tickets for a free
 * show); 401 → the sign-in page, back to `returnPath` after; any other error
 * → its message (errorBodySchema). Never throws.
 */
async function pressBuy(eventId: string, body: CheckoutRequest, returnPath: string): Promise<BuyOutcome> {
  try {
    const res = await fetch(`/api/events/${encodeURIComponent(eventId)}/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const reply = checkoutReplySchema.safeParse(json);
      return reply.success ? { kind: "go", url: reply.data.redirectUrl } : { kind: "error", message: "Unexpected reply from the server; please try again" };
    }
    if (res.status === 401) return { kind: "go", url: `/signin?next=${encodeURIComponent(returnPath)}` };
    const error = errorBodySchema.safeParse(json);
    return { kind: "error", message: error.success ? error.data.error.message : `The server answered ${res.status}; please try again` };
  } catch {
    return { kind: "error", message: "Could not reach Limelight; check your connection and try again" };
  }
}

/**
 * The event page's Buy form: optional `children` (the content-warning
 * checkbox, named "acknowledge"), the error of the last press (role="alert"),
 * and the submit button, disabled until the form is hydrated and while a
 * press is in flight or the browser is leaving for the payment page.
 */
export function BuyForm({
  eventId,
  returnPath,
  submitLabel,
  pendingLabel,
  children,
}: {
  eventId: string;
  /** App path of the event page (sign-in returns here). */
  returnPath: string;
  submitLabel: string;
  pendingLabel: string;
  children?: ReactNode;
}) {
  const [hydrated, setHydrated] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setHydrated(true), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const acknowledged = new FormData(event.currentTarget).get("acknowledge") === "on";
    setPending(true);
    setError(null);
    const outcome = await pressBuy(eventId, { acknowledgedContentWarning: acknowledged }, returnPath);
    if (outcome.kind === "go") {
      window.location.assign(outcome.url);
      return;
    }
    setError(outcome.message);
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="form" aria-label="Buy a ticket" noValidate>
      {children}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending || !hydrated} className="button primary">
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
