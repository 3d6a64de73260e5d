"use client";

/** The error page for anything unexpected while rendering: a plain message, never internals. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="narrow">
      <h1>Something went wrong</h1>
      <p role="alert">The page could not be shown. Please try again in a moment.</p>
      <button type="button" className="button primary" onClick={() => reset()}>
        Try again
      </button>
    </main>
  );
}
