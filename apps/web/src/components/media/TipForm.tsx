"use client";
/**
 * Tip button for ticket holders: amount (in the show's currency, at least the
 * minimum) and an optional message; submits to a server action that starts a
 * Checkout Session and redirects to it. Errors come back as `{error}`.
 */
import { useActionState } from "react";
import { formatMoney } from "@limelight/domain/events/money";
import styles from "./media.module.css";

/** State returned by the tip server action (only on failure; success redirects). */
export interface TipActionState {
  error: string | null;
}

/** Props: the bound server action, minimum tip (cents), currency (ISO 4217). */
export interface TipFormProps {
  action: (state: TipActionState, form: FormData) => Promise<TipActionState>;
  minCents: number;
  currency: string;
}

/** The tip form (amount input in whole currency units with cents). */
export function TipForm({ action, minCents, currency }: TipFormProps) {
  const [state, submit, pending] = useActionState(action, { error: null });
  return (
    <section className={styles.panel} aria-label="Tip">
      <h2>Tip the performers</h2>
      <form action={submit} className={styles.row}>
        <label className={styles.label}>
          Amount ({currency.toUpperCase()}){" "}
          <input name="amount" type="number" inputMode="decimal" min={minCents / 100} step="0.01" defaultValue={(Math.max(minCents, 500) / 100).toFixed(2)} required style={{ width: "6rem" }} />
        </label>
        <input name="message" aria-label="Tip message" placeholder="Message (optional)" maxLength={140} className={styles.grow} />
        <button type="submit" className={`${styles.button} ${styles.primary}`} disabled={pending}>
          {pending ? "Opening checkout…" : "Tip"}
        </button>
      </form>
      <p className={styles.muted}>Minimum {formatMoney(minCents, currency)}. Tips appear in the show once paid.</p>
      {state.error && <p role="alert">{state.error}</p>}
    </section>
  );
}
