"use client";

import { startTransition, useActionState, useEffect, useState, type FormEvent, type ReactNode } from "react";

/** What a server action returns to its form (mirrors server/actions.ts ActionState). */
export interface FormState {
  error?: string;
  message?: string;
}

/** A server action usable with useActionState. */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A form bound to a server action that shows the action's error (role="alert")
 * or success message (role="status") and keeps what the user typed when the
 * action fails (the submit does not reset the form). The submit button stays
 * disabled until the form is hydrated: before that a click would submit the
 * form natively (a GET of the page) and the action would never run.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel,
  children,
  className,
  submitClassName,
  ariaLabel,
}: {
  action: FormAction;
  submitLabel: string;
  pendingLabel?: string;
  children?: ReactNode;
  className?: string;
  submitClassName?: string;
  ariaLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }
  return (
    <form onSubmit={onSubmit} className={className ?? "form"} aria-label={ariaLabel} noValidate>
      {children}
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      {state.message ? (
        <p role="status" className="success">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending || !hydrated} className={submitClassName ?? "button primary"}>
        {pending ? (pendingLabel ?? "Working…") : submitLabel}
      </button>
    </form>
  );
}
