import Link from "next/link";

/** The 404 page (unknown URL, unknown or unpublished show). */
export default function NotFound() {
  return (
    <main className="narrow">
      <h1>404: Not found</h1>
      <p>There is nothing here. The show may have been removed, or the link is wrong.</p>
      <p>
        <Link href="/">Back to the schedule</Link>
      </p>
    </main>
  );
}
