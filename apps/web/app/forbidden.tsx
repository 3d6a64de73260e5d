import Link from "next/link";

/** The 403 page, rendered by forbidden() with HTTP status 403. */
export default function Forbidden() {
  return (
    <main className="narrow">
      <h1>403: Not allowed</h1>
      <p role="alert">Your account is not allowed to open this page.</p>
      <p>
        <Link href="/">Back to the schedule</Link>
      </p>
    </main>
  );
}
